// SPDX-License-Identifier: GPL-2.0
/*
 * printk: format into a local buffer, then emit the whole line under one
 * lock so lines from different CPUs never interleave. The lock records its
 * owner: a CPU that faults while printing can still report (it does not
 * wait for itself), and after a panic a bounded wait replaces the lock.
 */
#include <linux/kernel.h>
#include <linux/smp.h>
#include <linux/spinlock.h>

static void (*console_write)(const char *s, unsigned int n);
static DEFINE_RAW_SPINLOCK(console_lock);
static int console_owner = -1;
int oops_in_progress;

void register_console_write(void (*write)(const char *s, unsigned int n))
{
	console_write = write;
}

int vprintk(const char *fmt, va_list args)
{
	char buf[320];
	unsigned long flags;
	int n = vsnprintf(buf, sizeof(buf), fmt, args);
	int cpu = (int)smp_processor_id();
	bool locked = false;

	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	if (!console_write)
		return n;

	local_irq_save(flags);
	if (READ_ONCE(console_owner) != cpu) {
		if (READ_ONCE(oops_in_progress)) {
			for (int spins = 0; spins < 1000000 && !locked; spins++)
				locked = raw_spin_trylock(&console_lock);
		} else {
			raw_spin_lock(&console_lock);
			locked = true;
		}
		WRITE_ONCE(console_owner, cpu);
	}
	console_write(buf, (unsigned int)n);
	if (locked) {
		WRITE_ONCE(console_owner, -1);
		raw_spin_unlock(&console_lock);
	}
	local_irq_restore(flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
