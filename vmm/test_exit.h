/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The test-exit device ("minivmm,test-exit" in the DT): a 32-bit write of
 * a code (0..255) to offset 0 stops the VM and minivmm exits with that
 * code. Reads return 0. Test guests report pass/fail through it.
 */
#ifndef MINIVMM_TEST_EXIT_H
#define MINIVMM_TEST_EXIT_H

#include <stddef.h>

struct vm;

int test_exit_setup(struct vm *vm, char *err, size_t errlen);

#endif
