// SPDX-License-Identifier: GPL-2.0
#include "vmm/mmio.h"

static bool ranges_overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

int mmio_bus_register(struct mmio_bus *bus, uint64_t base, uint64_t size,
		      mmio_handler_fn handler, void *opaque, const char *name)
{
	if (bus->nr_regions == MMIO_MAX_REGIONS || !size || base + size < base)
		return -1;
	for (unsigned int i = 0; i < bus->nr_regions; i++)
		if (ranges_overlap(base, size, bus->regions[i].base, bus->regions[i].size))
			return -1;
	bus->regions[bus->nr_regions++] = (struct mmio_region) {
		.base = base, .size = size, .handler = handler,
		.opaque = opaque, .name = name,
	};
	return 0;
}

bool mmio_bus_access(struct mmio_bus *bus, unsigned int cpu, uint64_t addr,
		     unsigned int len, bool is_write, uint64_t *data)
{
	/* A handful of devices: a linear scan beats anything clever. */
	for (unsigned int i = 0; i < bus->nr_regions; i++) {
		struct mmio_region *r = &bus->regions[i];

		/* The whole access must fall inside the region. */
		if (addr >= r->base && addr - r->base <= r->size - len) {
			r->handler(r->opaque, cpu, addr - r->base, len, is_write, data);
			return true;
		}
	}
	if (!is_write)
		*data = 0;
	return false;
}
