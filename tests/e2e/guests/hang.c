// SPDX-License-Identifier: GPL-2.0
/* Never exits: the harness must fail it on its timeout. */
#include "lib.h"

void guest_main(const void *dtb)
{
	puts("hang: spinning forever\n");
	for (;;)
		asm volatile("wfi");
}
