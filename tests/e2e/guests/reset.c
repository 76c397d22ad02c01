// SPDX-License-Identifier: GPL-2.0
/* Asks for PSCI SYSTEM_RESET: minivmm ends the VM (no reboot loop). */
#include "lib.h"

void guest_main(const void *dtb)
{
	puts("reset: requesting SYSTEM_RESET\n");
	psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
	puts("reset: still running\n");
}
