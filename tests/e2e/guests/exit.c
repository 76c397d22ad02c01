// SPDX-License-Identifier: GPL-2.0
/* Writes the number in its bootargs (default 42) to the test-exit device. */
#include "lib.h"

void guest_main(const void *dtb)
{
	uint64_t code = parse_number(bootargs(dtb), 42);

	puts("exit: writing ");
	putdec(code);
	puts(" to the test-exit device\n");
	test_exit(code);
	puts("exit: still running after test-exit\n");
	system_off();
}
