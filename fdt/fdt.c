// SPDX-License-Identifier: GPL-2.0
/*
 * The device tree of a minivmm machine, written with libfdt's sequential-
 * write API. Node names, compatibles and interrupt specifiers follow QEMU's
 * virt machine (GICv2), so what Linux does on virt it does here.
 */
#include <libfdt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fdt/fdt.h"
#include "vmm/memmap.h"
#include "vmm/errmsg.h"

enum {
	PHANDLE_GIC = 1,
	PHANDLE_APB_PCLK,
};

/* Interrupt specifier cells of "arm,cortex-a15-gic" (#interrupt-cells = <3>). */
#define GIC_SPI			0
#define GIC_PPI			1
#define IRQ_TYPE_LEVEL_HIGH	4
#define IRQ_TYPE_LEVEL_LOW	8
#define GIC_PPI_CPU_SHIFT	8	/* GICv2: CPU mask in bits 15:8 of the flags */

/* Architected timer PPIs, in the order the binding wants them. */
#define PPI_SEC_PHYS	13
#define PPI_PHYS	14
#define PPI_VIRT	11
#define PPI_HYP		10

/* PSCI 0.2 function IDs (SMC64), for kernels that only know "arm,psci". */
#define PSCI_CPU_SUSPEND	0xc4000001
#define PSCI_CPU_OFF		0x84000002
#define PSCI_CPU_ON		0xc4000003
#define PSCI_MIGRATE		0xc4000005

#define APB_PCLK_HZ		24000000

#define MPIDR_AFF_LOW(m)	((uint32_t)((m) & 0xffffff))	/* Aff2..Aff0 */
#define MPIDR_AFF3(m)		((uint32_t)(((m) >> 32) & 0xff))

/*
 * Every libfdt call goes through FDT(): the first failure is recorded with
 * the function's name, and every later call is skipped, so a builder runs
 * straight through and the error is checked once at the end.
 */
struct fdt_ctx {
	void *fdt;
	int err;		/* the first libfdt error, or 0 */
	const char *call;	/* the function that returned it */
};

static void fdt_note(struct fdt_ctx *c, const char *call, int ret)
{
	if (ret < 0 && !c->err) {
		c->err = ret;
		c->call = call;
	}
}

#define FDT(c, fn, ...) \
	fdt_note((c), #fn, (c)->err ? 0 : fn((c)->fdt, ##__VA_ARGS__))

/* A string list literal ("a\0b") keeps its inner NULs through sizeof. */
#define FDT_STRINGS(c, name, list) FDT(c, fdt_property, name, list, sizeof(list))

static void prop_cells(struct fdt_ctx *c, const char *name, const uint32_t *cells,
		       unsigned int n)
{
	fdt32_t be[16];

	for (unsigned int i = 0; i < n; i++)
		be[i] = cpu_to_fdt32(cells[i]);
	FDT(c, fdt_property, name, be, n * sizeof(be[0]));
}

/* reg = <addr size> with #address-cells = #size-cells = 2. */
static void prop_reg(struct fdt_ctx *c, uint64_t addr, uint64_t size)
{
	uint32_t cells[] = { addr >> 32, addr, size >> 32, size };

	prop_cells(c, "reg", cells, 4);
}

static void begin_node_at(struct fdt_ctx *c, const char *name, uint64_t addr)
{
	char full[64];

	snprintf(full, sizeof(full), "%s@%llx", name, (unsigned long long)addr);
	FDT(c, fdt_begin_node, full);
}

static void add_root_props(struct fdt_ctx *c)
{
	FDT(c, fdt_property_string, "compatible", "linux,dummy-virt");
	FDT(c, fdt_property_string, "model", "minivmm");
	FDT(c, fdt_property_u32, "#address-cells", 2);
	FDT(c, fdt_property_u32, "#size-cells", 2);
	FDT(c, fdt_property_u32, "interrupt-parent", PHANDLE_GIC);
}

static void add_chosen(struct fdt_ctx *c, const struct fdt_machine *m, const char *uart_path)
{
	FDT(c, fdt_begin_node, "chosen");
	FDT(c, fdt_property_string, "bootargs", m->bootargs ? m->bootargs : "");
	FDT(c, fdt_property_string, "stdout-path", uart_path);
	if (m->initrd_start || m->initrd_end) {
		FDT(c, fdt_property_u64, "linux,initrd-start", m->initrd_start);
		FDT(c, fdt_property_u64, "linux,initrd-end", m->initrd_end);
	}
	FDT(c, fdt_end_node);
}

static void add_aliases(struct fdt_ctx *c, const char *uart_path)
{
	FDT(c, fdt_begin_node, "aliases");
	FDT(c, fdt_property_string, "serial0", uart_path);
	FDT(c, fdt_end_node);
}

static void add_memory(struct fdt_ctx *c, const struct fdt_machine *m)
{
	begin_node_at(c, "memory", m->ram_base);
	FDT(c, fdt_property_string, "device_type", "memory");
	prop_reg(c, m->ram_base, m->ram_size);
	FDT(c, fdt_end_node);
}

/*
 * cpu@N: reg holds the MPIDR affinity. One cell (Aff2..Aff0) is enough
 * unless some vCPU has a non-zero Aff3; then two cells, as the binding says.
 */
static void add_cpus(struct fdt_ctx *c, const struct fdt_machine *m)
{
	bool aff3 = false;

	for (unsigned int i = 0; i < m->nr_cpus; i++)
		aff3 |= MPIDR_AFF3(m->mpidr[i]) != 0;

	FDT(c, fdt_begin_node, "cpus");
	FDT(c, fdt_property_u32, "#address-cells", aff3 ? 2 : 1);
	FDT(c, fdt_property_u32, "#size-cells", 0);
	for (unsigned int i = 0; i < m->nr_cpus; i++) {
		uint64_t mpidr = m->mpidr[i];
		uint64_t unit = (uint64_t)MPIDR_AFF3(mpidr) << 32 | MPIDR_AFF_LOW(mpidr);
		uint32_t reg[] = { MPIDR_AFF3(mpidr), MPIDR_AFF_LOW(mpidr) };

		begin_node_at(c, "cpu", unit);
		FDT(c, fdt_property_string, "device_type", "cpu");
		FDT(c, fdt_property_string, "compatible", "arm,armv8");
		if (aff3)
			prop_cells(c, "reg", reg, 2);
		else
			FDT(c, fdt_property_u32, "reg", MPIDR_AFF_LOW(mpidr));
		FDT(c, fdt_property_string, "enable-method", "psci");
		FDT(c, fdt_end_node);
	}
	FDT(c, fdt_end_node);
}

static void add_psci(struct fdt_ctx *c)
{
	FDT(c, fdt_begin_node, "psci");
	FDT_STRINGS(c, "compatible", "arm,psci-0.2\0arm,psci");
	FDT(c, fdt_property_string, "method", "hvc");
	FDT(c, fdt_property_u32, "cpu_suspend", PSCI_CPU_SUSPEND);
	FDT(c, fdt_property_u32, "cpu_off", PSCI_CPU_OFF);
	FDT(c, fdt_property_u32, "cpu_on", PSCI_CPU_ON);
	FDT(c, fdt_property_u32, "migrate", PSCI_MIGRATE);
	FDT(c, fdt_end_node);
}

static void add_gic(struct fdt_ctx *c)
{
	uint32_t reg[] = {
		MEMMAP_GICD_BASE >> 32, (uint32_t)MEMMAP_GICD_BASE,
		MEMMAP_GICD_SIZE >> 32, (uint32_t)MEMMAP_GICD_SIZE,
		MEMMAP_GICC_BASE >> 32, (uint32_t)MEMMAP_GICC_BASE,
		MEMMAP_GICC_SIZE >> 32, (uint32_t)MEMMAP_GICC_SIZE,
	};

	begin_node_at(c, "intc", MEMMAP_GICD_BASE);
	FDT(c, fdt_property_string, "compatible", "arm,cortex-a15-gic");
	FDT(c, fdt_property_u32, "#interrupt-cells", 3);
	FDT(c, fdt_property, "interrupt-controller", NULL, 0);
	/* No child nodes; dtc wants an interrupt provider to say so. */
	FDT(c, fdt_property_u32, "#address-cells", 0);
	prop_cells(c, "reg", reg, 8);
	FDT(c, fdt_property_u32, "phandle", PHANDLE_GIC);
	FDT(c, fdt_end_node);
}

/* The timer's PPIs go to every CPU: GICv2 wants them in the CPU mask. */
static void add_timer(struct fdt_ctx *c, const struct fdt_machine *m)
{
	uint32_t flags = ((1U << m->nr_cpus) - 1) << GIC_PPI_CPU_SHIFT | IRQ_TYPE_LEVEL_LOW;
	uint32_t irqs[] = {
		GIC_PPI, PPI_SEC_PHYS, flags,
		GIC_PPI, PPI_PHYS, flags,
		GIC_PPI, PPI_VIRT, flags,
		GIC_PPI, PPI_HYP, flags,
	};

	FDT(c, fdt_begin_node, "timer");
	FDT(c, fdt_property_string, "compatible", "arm,armv8-timer");
	prop_cells(c, "interrupts", irqs, 12);
	FDT(c, fdt_property, "always-on", NULL, 0);
	FDT(c, fdt_end_node);
}

/* PMUv3, when the vCPUs have one: its overflow is a level-high PPI on every CPU. */
static void add_pmu(struct fdt_ctx *c, const struct fdt_machine *m)
{
	uint32_t irq[] = { GIC_PPI, MEMMAP_PMU_INTID - 16,
			   ((1U << m->nr_cpus) - 1) << GIC_PPI_CPU_SHIFT | IRQ_TYPE_LEVEL_HIGH };

	FDT(c, fdt_begin_node, "pmu");
	FDT(c, fdt_property_string, "compatible", "arm,armv8-pmuv3");
	prop_cells(c, "interrupts", irq, 3);
	FDT(c, fdt_end_node);
}

/* The PL011 and the fixed clock the AMBA bus and the driver ask for. */
static void add_uart(struct fdt_ctx *c)
{
	uint32_t irq[] = { GIC_SPI, MEMMAP_UART_SPI, IRQ_TYPE_LEVEL_HIGH };
	uint32_t clocks[] = { PHANDLE_APB_PCLK, PHANDLE_APB_PCLK };

	FDT(c, fdt_begin_node, "apb-pclk");
	FDT(c, fdt_property_string, "compatible", "fixed-clock");
	FDT(c, fdt_property_u32, "#clock-cells", 0);
	FDT(c, fdt_property_u32, "clock-frequency", APB_PCLK_HZ);
	FDT(c, fdt_property_string, "clock-output-names", "clk24mhz");
	FDT(c, fdt_property_u32, "phandle", PHANDLE_APB_PCLK);
	FDT(c, fdt_end_node);

	begin_node_at(c, "pl011", MEMMAP_UART_BASE);
	FDT_STRINGS(c, "compatible", "arm,pl011\0arm,primecell");
	prop_reg(c, MEMMAP_UART_BASE, MEMMAP_UART_SIZE);
	prop_cells(c, "interrupts", irq, 3);
	prop_cells(c, "clocks", clocks, 2);
	FDT_STRINGS(c, "clock-names", "uartclk\0apb_pclk");
	FDT(c, fdt_end_node);
}

static void add_test_exit(struct fdt_ctx *c)
{
	begin_node_at(c, "test-exit", MEMMAP_TEST_EXIT_BASE);
	FDT(c, fdt_property_string, "compatible", "minivmm,test-exit");
	prop_reg(c, MEMMAP_TEST_EXIT_BASE, MEMMAP_TEST_EXIT_SIZE);
	FDT(c, fdt_end_node);
}

static int check_machine(const struct fdt_machine *m, char *err, size_t errlen)
{
	if (m->nr_cpus < 1 || m->nr_cpus > FDT_MAX_CPUS)
		return errmsg(err, errlen, "device tree: cannot describe %u CPUs (1-%d)",
			    m->nr_cpus, FDT_MAX_CPUS);
	for (unsigned int i = 0; i < m->nr_cpus; i++)
		for (unsigned int j = 0; j < i; j++)
			if (MPIDR_AFF_LOW(m->mpidr[i] ^ m->mpidr[j]) == 0 &&
			    MPIDR_AFF3(m->mpidr[i] ^ m->mpidr[j]) == 0)
				return errmsg(err, errlen, "device tree: vCPUs %u and %u have the same MPIDR affinity 0x%llx",
					    j, i, (unsigned long long)m->mpidr[i]);
	if (!m->ram_size)
		return errmsg(err, errlen, "device tree: no RAM");
	if (m->initrd_end < m->initrd_start)
		return errmsg(err, errlen, "device tree: initrd ends (0x%llx) before it starts (0x%llx)",
			    (unsigned long long)m->initrd_end, (unsigned long long)m->initrd_start);
	return 0;
}

long fdt_build(const struct fdt_machine *m, void *buf, size_t bufsize,
	       char *err, size_t errlen)
{
	struct fdt_ctx c = { .fdt = buf };
	char uart_path[32];

	if (check_machine(m, err, errlen))
		return -1;
	snprintf(uart_path, sizeof(uart_path), "/pl011@%llx", (unsigned long long)MEMMAP_UART_BASE);

	FDT(&c, fdt_create, bufsize > INT_MAX ? INT_MAX : (int)bufsize);
	FDT(&c, fdt_finish_reservemap);
	FDT(&c, fdt_begin_node, "");
	add_root_props(&c);
	add_chosen(&c, m, uart_path);
	add_aliases(&c, uart_path);
	add_memory(&c, m);
	add_cpus(&c, m);
	add_psci(&c);
	add_gic(&c);
	add_timer(&c, m);
	if (m->pmu)
		add_pmu(&c, m);
	add_uart(&c);
	add_test_exit(&c);
	FDT(&c, fdt_end_node);
	FDT(&c, fdt_finish);
	if (c.err)
		return errmsg(err, errlen, "device tree: %s failed: %s (buffer of %zu bytes)",
			    c.call, fdt_strerror(c.err), bufsize);
	return fdt_totalsize(buf);
}

int fdt_check_blob(const void *buf, size_t len, char *err, size_t errlen)
{
	int ret;

	if (len < sizeof(struct fdt_header))
		return errmsg(err, errlen, "device tree blob is too short (%zu bytes)", len);
	ret = fdt_check_header(buf);
	if (!ret && fdt_totalsize(buf) > len)
		return errmsg(err, errlen, "device tree blob is truncated: its header says %u bytes, the file has %zu",
			    fdt_totalsize(buf), len);
	if (!ret)
		ret = fdt_check_full(buf, len);
	if (ret)
		return errmsg(err, errlen, "not a valid device tree blob: %s", fdt_strerror(ret));
	return 0;
}
