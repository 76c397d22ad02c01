// SPDX-License-Identifier: GPL-2.0
/*
 * Boot-time machine set-up (arch/arm64/kernel/setup.c). early_setup() runs
 * with the MMU off: it only reads the DT (byte loads, nothing cached) to
 * learn the RAM and the device windows, and builds the identity map.
 * setup_arch() runs with the MMU on and brings up the console, memblock,
 * PSCI and the CPU list.
 */
#include <linux/kernel.h>
#include <linux/cmdline.h>
#include <linux/delay.h>
#include <linux/libfdt.h>
#include <linux/memblock.h>
#include <linux/psci.h>
#include <linux/reboot.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <asm/cputype.h>
#include <asm/setup.h>

/* Used only when the DT is unusable: QEMU virt's RAM base and UART, to say why we stop. */
#define FALLBACK_RAM_BASE	0x40000000UL
#define FALLBACK_RAM_SIZE	(128UL << 20)
#define FALLBACK_UART_BASE	0x09000000UL

struct boot_params boot_params;

int pl011_console_init(const void *fdt, phys_addr_t fallback);
unsigned int pgtable_pages_used(void);

static void add_region(struct mem_region *r, unsigned int *nr, unsigned int max, u64 base, u64 size)
{
	if (*nr < max && size) {
		r[*nr].base = base;
		r[*nr].size = size;
		(*nr)++;
	}
}

/* Device nodes whose registers we touch: the identity map covers exactly these. */
static const char *const mapped_devices[] = {
	"arm,gic-400", "arm,cortex-a15-gic", "arm,cortex-a9-gic", "arm,cortex-a7-gic",
	"arm,pl011", "minivmm,test-exit",
};

int early_setup(const void *fdt)
{
	struct boot_params *bp = &boot_params;

	if (fdt_check_header(fdt) == 0) {
		int node;

		bp->fdt = fdt;
		for (node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL)) {
			u64 base, size;

			if (!fdt_prop_streq(fdt, node, "device_type", "memory"))
				continue;
			for (int i = 0; !fdt_get_reg(fdt, node, i, &base, &size); i++)
				add_region(bp->mem, &bp->nr_mem, MAX_MEM_REGIONS, base, size);
		}
		for (unsigned int c = 0; c < ARRAY_SIZE(mapped_devices); c++) {
			for (node = fdt_node_offset_by_compatible(fdt, -1, mapped_devices[c]); node >= 0;
			     node = fdt_node_offset_by_compatible(fdt, node, mapped_devices[c])) {
				u64 base, size;

				for (int i = 0; !fdt_get_reg(fdt, node, i, &base, &size); i++)
					add_region(bp->dev, &bp->nr_dev, MAX_DEV_REGIONS, base, size);
			}
		}
	}
	if (!bp->nr_mem)
		add_region(bp->mem, &bp->nr_mem, MAX_MEM_REGIONS, FALLBACK_RAM_BASE, FALLBACK_RAM_SIZE);
	if (!bp->fdt)
		add_region(bp->dev, &bp->nr_dev, MAX_DEV_REGIONS, FALLBACK_UART_BASE, 0x1000);
	paging_init_early();
	return 0;
}

static void arm64_memblock_init(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), len;
	const void *start, *end;
	u64 a, s;

	for (unsigned int i = 0; i < boot_params.nr_mem; i++)
		memblock_add(boot_params.mem[i].base, boot_params.mem[i].size);
	memblock_reserve((phys_addr_t)(uintptr_t)_text, (u64)(_end - _text));
	memblock_reserve((phys_addr_t)(uintptr_t)fdt, fdt_totalsize(fdt));
	for (int i = 0; i < fdt_num_mem_rsv(fdt); i++)
		if (!fdt_get_mem_rsv(fdt, i, &a, &s))
			memblock_reserve(a, s);
	if (chosen >= 0) {
		start = fdt_getprop(fdt, chosen, "linux,initrd-start", &len);
		end = fdt_getprop(fdt, chosen, "linux,initrd-end", NULL);
		if (start && end) {
			a = len == 8 ? fdt64_ld(start) : fdt32_ld(start);
			s = (len == 8 ? fdt64_ld(end) : fdt32_ld(end)) - a;
			memblock_reserve(a, s);
		}
	}
}

void setup_arch(void)
{
	const void *fdt = boot_params.fdt;
	int chosen;

	if (pl011_console_init(fdt, FALLBACK_UART_BASE))
		pl011_console_init(NULL, FALLBACK_UART_BASE);
	pr_info("Booting guest.img (Linux-style IPI stack) on physical CPU 0x%010llx [0x%08x]\n",
		(unsigned long long)(read_cpuid_mpidr() & MPIDR_HWID_BITMASK), read_cpuid_id());
	if (!fdt)
		panic("no valid device tree (x0 did not point at an FDT)");
	arch_timer_rate = arch_timer_get_cntfrq();

	chosen = fdt_path_offset(fdt, "/chosen");
	if (chosen >= 0) {
		int len;
		const char *args = fdt_getprop(fdt, chosen, "bootargs", &len);

		if (args && len > 0 && strnlen(args, (size_t)len) < (size_t)len)
			boot_command_line = args;
	}
	pr_info("Kernel command line: %s\n", boot_command_line);
	pr_info("Machine model: %s\n", (const char *)fdt_getprop(fdt, 0, "model", NULL) ?: "unknown");
	pr_info("Identity map: %u RAM region(s), %u device window(s), %u page-table pages\n",
		boot_params.nr_mem, boot_params.nr_dev, pgtable_pages_used());

	arm64_memblock_init(fdt);
	psci_dt_init(fdt);
	if (!test_exit_probe(fdt))
		pr_info("minivmm test-exit device found: the result becomes the exit status\n");
}
