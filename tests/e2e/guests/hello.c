// SPDX-License-Identifier: GPL-2.0
/* Prints a line and its bootargs, then PSCI SYSTEM_OFF: minivmm exits 0. */
#include "lib.h"

void guest_main(const void *dtb)
{
	puts("hello from a minivmm test guest\n");
	puts("bootargs: [");
	puts(bootargs(dtb));
	puts("]\n");
	system_off();
}
