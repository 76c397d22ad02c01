/* SPDX-License-Identifier: GPL-2.0 */
/* Tiny runtime of the end-to-end test guests: UART, PSCI, bootargs. */
#ifndef E2E_GUEST_LIB_H
#define E2E_GUEST_LIB_H

#include <stdint.h>

#include "vmm/memmap.h"

#define PSCI_CPU_OFF		0x84000002u
#define PSCI_CPU_ON		0xc4000003u
#define PSCI_SYSTEM_OFF		0x84000008u
#define PSCI_SYSTEM_RESET	0x84000009u

/* Single LDR/STR so KVM gets a valid syndrome for the MMIO exit. */
static inline void writel(uint32_t v, uint64_t addr)
{
	asm volatile("str %w0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

static inline uint32_t readl(uint64_t addr)
{
	uint32_t v;

	asm volatile("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline uint64_t read_mpidr(void)
{
	uint64_t v;

	asm volatile("mrs %0, mpidr_el1" : "=r"(v));
	return v;
}

#define read_sysreg(r) ({					\
	uint64_t __v;						\
	asm volatile("mrs %0, " #r : "=r"(__v) :: "memory");	\
	__v;							\
})
#define write_sysreg(v, r)					\
	asm volatile("msr " #r ", %0" : : "r"((uint64_t)(v)) : "memory")

static inline void dsb(void)
{
	asm volatile("dsb sy" ::: "memory");
}

static inline void isb(void)
{
	asm volatile("isb" ::: "memory");
}

int64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
void puts(const char *s);
void puthex(uint64_t v);
void putdec(uint64_t v);
/* /chosen/bootargs from the DTB, "" when absent. */
const char *bootargs(const void *dtb);
/* First decimal number in @s, or @def. */
uint64_t parse_number(const char *s, uint64_t def);
/* Decimal value of the word "KEY=value" in @args, or @def. */
uint64_t bootarg_number(const char *args, const char *key, uint64_t def);
/* Whether a node of the DTB lists @compat in its "compatible". */
int dtb_compatible(const void *dtb, const char *compat);
void test_exit(uint32_t code);
void system_off(void) __attribute__((noreturn));

void guest_main(const void *dtb);
void secondary_main(uint64_t cpu);
extern char secondary_entry[];

#endif
