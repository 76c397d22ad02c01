/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The MMIO bus: devices claim guest-physical ranges with read/write
 * handlers; vCPU threads dispatch KVM_EXIT_MMIO to it. Registration happens
 * before the vCPUs start, so lookups need no lock.
 */
#ifndef MINIVMM_MMIO_H
#define MINIVMM_MMIO_H

#include <stdbool.h>
#include <stdint.h>

#define MMIO_MAX_REGIONS 16

/*
 * @offset is relative to the region's base, @len is 1, 2, 4 or 8. A read
 * handler stores into *@data; a write handler reads it.
 */
typedef void (*mmio_handler_fn)(void *opaque, unsigned int cpu, uint64_t offset,
				unsigned int len, bool is_write, uint64_t *data);

struct mmio_region {
	uint64_t base, size;
	mmio_handler_fn handler;
	void *opaque;
	const char *name;
};

struct mmio_bus {
	struct mmio_region regions[MMIO_MAX_REGIONS];
	unsigned int nr_regions;
};

/* Returns 0, or -1 if the range overlaps another one or the bus is full. */
int mmio_bus_register(struct mmio_bus *bus, uint64_t base, uint64_t size,
		      mmio_handler_fn handler, void *opaque, const char *name);

/*
 * Dispatch one access. Returns true when a device claimed it; otherwise a
 * read yields 0 and the caller decides how to report the access.
 */
bool mmio_bus_access(struct mmio_bus *bus, unsigned int cpu, uint64_t addr,
		     unsigned int len, bool is_write, uint64_t *data);

#endif
