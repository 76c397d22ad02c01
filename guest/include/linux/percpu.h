/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU variables the Linux way: variables live in .data..percpu (the
 * template), setup_per_cpu_areas() gives each CPU a copy, and TPIDR_EL1
 * holds this CPU's offset from the template to its copy.
 */
#ifndef _LINUX_PERCPU_H
#define _LINUX_PERCPU_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/threads.h>
#include <asm/sysreg.h>

#define __percpu
#define DEFINE_PER_CPU(type, name)	__section(".data..percpu") __typeof__(type) name
#define DECLARE_PER_CPU(type, name)	extern __typeof__(type) name
#define DEFINE_PER_CPU_ALIGNED(type, name) \
	__section(".data..percpu") __cacheline_aligned __typeof__(type) name

extern unsigned long __per_cpu_offset[NR_CPUS];
extern char __per_cpu_start[], __per_cpu_end[];

static inline unsigned long __my_cpu_offset(void)
{
	unsigned long off;

	/* Not volatile: constant for the life of a CPU, let the compiler CSE it. */
	asm("mrs %0, tpidr_el1" : "=r" (off));
	return off;
}

#define per_cpu_offset(cpu)	(__per_cpu_offset[(cpu)])
#define per_cpu_ptr(ptr, cpu)	((__typeof__(ptr))((unsigned long)(ptr) + per_cpu_offset(cpu)))
#define this_cpu_ptr(ptr)	((__typeof__(ptr))((unsigned long)(ptr) + __my_cpu_offset()))
#define raw_cpu_ptr(ptr)	this_cpu_ptr(ptr)
#define per_cpu(var, cpu)	(*per_cpu_ptr(&(var), (cpu)))
#define __this_cpu_read(var)	(*this_cpu_ptr(&(var)))
#define __this_cpu_write(var, v) (*this_cpu_ptr(&(var)) = (v))
#define __this_cpu_inc(var)	((*this_cpu_ptr(&(var)))++)
#define __this_cpu_add(var, v)	((*this_cpu_ptr(&(var))) += (v))
#define this_cpu_read(var)	READ_ONCE(*this_cpu_ptr(&(var)))
#define this_cpu_write(var, v)	WRITE_ONCE(*this_cpu_ptr(&(var)), (v))

void setup_per_cpu_areas(void);

#endif
