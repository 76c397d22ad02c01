/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Each test file builds its Check suite and registers it with UNIT_SUITE;
 * main.c runs every registered suite, so adding a file is enough.
 */
#ifndef MINIVMM_UNIT_H
#define MINIVMM_UNIT_H

#include <check.h>

void unit_register(Suite *(*make)(void));

#define UNIT_SUITE(make)						\
	static void __attribute__((constructor)) unit_register_##make(void) \
	{ unit_register(make); }

#endif
