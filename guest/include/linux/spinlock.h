/* SPDX-License-Identifier: GPL-2.0 */
/* Ticket spinlocks (the arm64 qspinlock predecessor), irq-safe variants. */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

typedef struct {
	u16 owner;
	u16 next;
} raw_spinlock_t;

typedef raw_spinlock_t spinlock_t;

#define __RAW_SPIN_LOCK_UNLOCKED	{ 0, 0 }
#define DEFINE_RAW_SPINLOCK(x)		raw_spinlock_t x = __RAW_SPIN_LOCK_UNLOCKED
#define DEFINE_SPINLOCK(x)		DEFINE_RAW_SPINLOCK(x)

static inline void raw_spin_lock_init(raw_spinlock_t *lock)
{
	lock->owner = lock->next = 0;
}

static inline void raw_spin_lock(raw_spinlock_t *lock)
{
	u16 ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_ACQUIRE);

	while (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket)
		cpu_relax();
}

static inline bool raw_spin_trylock(raw_spinlock_t *lock)
{
	u32 old = __atomic_load_n((u32 *)lock, __ATOMIC_RELAXED);
	u16 owner = old & 0xffff, next = old >> 16;

	if (owner != next)
		return false;
	return __atomic_compare_exchange_n((u32 *)lock, &old, old + 0x10000, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void raw_spin_unlock(raw_spinlock_t *lock)
{
	__atomic_store_n(&lock->owner, (u16)(lock->owner + 1), __ATOMIC_RELEASE);
}

static inline bool raw_spin_is_locked(raw_spinlock_t *lock)
{
	return READ_ONCE(lock->owner) != READ_ONCE(lock->next);
}

#define raw_spin_lock_irqsave(l, flags)	do { local_irq_save(flags); raw_spin_lock(l); } while (0)
#define raw_spin_unlock_irqrestore(l, flags) do { raw_spin_unlock(l); local_irq_restore(flags); } while (0)
#define raw_spin_lock_irq(l)		do { local_irq_disable(); raw_spin_lock(l); } while (0)
#define raw_spin_unlock_irq(l)		do { raw_spin_unlock(l); local_irq_enable(); } while (0)

#define spin_lock			raw_spin_lock
#define spin_unlock			raw_spin_unlock
#define spin_lock_irqsave		raw_spin_lock_irqsave
#define spin_unlock_irqrestore		raw_spin_unlock_irqrestore

#endif
