// SPDX-License-Identifier: GPL-2.0
/*
 * The generated device tree, read back with libfdt node by node and
 * property by property, and decompiled with dtc.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fdt/fdt.h"
#include "tests/unit/unit.h"
#include "vmm/memmap.h"

#define BUF_SIZE (64 * 1024)

static char blob[BUF_SIZE];

static struct fdt_machine machine(unsigned int nr_cpus, bool initrd, const char *bootargs)
{
	struct fdt_machine m = {
		.nr_cpus = nr_cpus,
		.ram_base = MEMMAP_RAM_BASE,
		.ram_size = 512ULL << 20,
		.bootargs = bootargs,
	};

	/* As KVM reports them: Aff0 = index, bit 31 RES1. */
	for (unsigned int i = 0; i < nr_cpus; i++)
		m.mpidr[i] = (1ULL << 31) | i;
	if (initrd) {
		m.initrd_start = MEMMAP_RAM_BASE + (128ULL << 20);
		m.initrd_end = m.initrd_start + 1234567;
	}
	return m;
}

static long build(const struct fdt_machine *m)
{
	char err[256] = "";
	long len;

	memset(blob, 0xa5, sizeof(blob));
	len = fdt_build(m, blob, sizeof(blob), err, sizeof(err));
	ck_assert_msg(len > 0, "fdt_build: %s", err);
	ck_assert_int_eq(fdt_check_header(blob), 0);
	ck_assert_int_eq(fdt_check_full(blob, len), 0);
	ck_assert_int_eq(fdt_totalsize(blob), len);
	return len;
}

static int node(const char *path)
{
	int off = fdt_path_offset(blob, path);

	ck_assert_msg(off >= 0, "no node %s: %s", path, fdt_strerror(off));
	return off;
}

static const void *prop(int off, const char *name, int *len)
{
	const void *p = fdt_getprop(blob, off, name, len);

	ck_assert_msg(p, "%s has no '%s'", fdt_get_name(blob, off, NULL), name);
	return p;
}

/* The property is exactly these bytes (a string, or a string list literal). */
#define ASSERT_BYTES(off, name, lit) assert_bytes((off), (name), (lit), sizeof(lit))

static void assert_bytes(int off, const char *name, const void *want, int want_len)
{
	int len;
	const void *p = prop(off, name, &len);

	ck_assert_msg(len == want_len && !memcmp(p, want, len), "%s/%s differs",
		      fdt_get_name(blob, off, NULL), name);
}

static void assert_str(int off, const char *name, const char *want)
{
	assert_bytes(off, name, want, strlen(want) + 1);
}

/* The property is exactly these 32-bit cells. */
static void assert_cells(int off, const char *name, const uint32_t *want, int n)
{
	int len;
	const fdt32_t *p = prop(off, name, &len);

	ck_assert_msg(len == n * 4, "%s/%s: %d bytes, want %d cells",
		      fdt_get_name(blob, off, NULL), name, len, n);
	for (int i = 0; i < n; i++)
		ck_assert_msg(fdt32_to_cpu(p[i]) == want[i], "%s/%s cell %d: 0x%x, want 0x%x",
			      fdt_get_name(blob, off, NULL), name, i, fdt32_to_cpu(p[i]), want[i]);
}

static void assert_u32(int off, const char *name, uint32_t want)
{
	assert_cells(off, name, &want, 1);
}

static void assert_empty(int off, const char *name)
{
	int len;

	prop(off, name, &len);
	ck_assert_int_eq(len, 0);
}

static void assert_reg(int off, uint64_t addr, uint64_t size)
{
	uint32_t cells[] = { addr >> 32, (uint32_t)addr, size >> 32, (uint32_t)size };

	assert_cells(off, "reg", cells, 4);
}

static uint32_t phandle_of(const char *path)
{
	uint32_t ph = fdt_get_phandle(blob, node(path));

	ck_assert_uint_ne(ph, 0);
	ck_assert_int_eq(fdt_node_offset_by_phandle(blob, ph), node(path));
	return ph;
}

static void check_root(const struct fdt_machine *m)
{
	static const char *const children[] = {
		"chosen", "aliases", "memory@40000000", "cpus", "psci", "intc@8000000",
		"timer", "apb-pclk", "pl011@9000000", "test-exit@a000000",
		"pmu",	/* last: only with m->pmu */
	};
	size_t nr_children = sizeof(children) / sizeof(children[0]) - !m->pmu;
	int root = node("/"), child, n = 0;

	assert_str(root, "compatible", "linux,dummy-virt");
	assert_str(root, "model", "minivmm");
	assert_u32(root, "#address-cells", 2);
	assert_u32(root, "#size-cells", 2);
	assert_u32(root, "interrupt-parent", phandle_of("/intc@8000000"));

	/* Exactly these nodes, nothing more. */
	fdt_for_each_subnode(child, blob, root) {
		bool known = false;

		for (size_t i = 0; i < nr_children; i++)
			known |= !strcmp(fdt_get_name(blob, child, NULL), children[i]);
		ck_assert_msg(known, "unexpected node /%s", fdt_get_name(blob, child, NULL));
		n++;
	}
	ck_assert_int_eq(n, nr_children);
}

/* 64-bit cells are only 4-byte aligned in a blob. */
static uint64_t be64_at(const void *p)
{
	fdt64_t v;

	memcpy(&v, p, sizeof(v));
	return fdt64_to_cpu(v);
}

static void check_chosen(const struct fdt_machine *m)
{
	int chosen = node("/chosen"), len;
	const void *p;

	assert_str(chosen, "bootargs", m->bootargs ? m->bootargs : "");
	assert_str(chosen, "stdout-path", "/pl011@9000000");
	ck_assert_int_eq(node("/pl011@9000000"), fdt_path_offset(blob, "serial0"));
	assert_str(node("/aliases"), "serial0", "/pl011@9000000");

	p = fdt_getprop(blob, chosen, "linux,initrd-start", &len);
	if (!m->initrd_end) {
		ck_assert_ptr_null(p);
		ck_assert_ptr_null(fdt_getprop(blob, chosen, "linux,initrd-end", NULL));
		return;
	}
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(len, 8);
	ck_assert_uint_eq(be64_at(p), m->initrd_start);
	p = prop(chosen, "linux,initrd-end", &len);
	ck_assert_int_eq(len, 8);
	ck_assert_uint_eq(be64_at(p), m->initrd_end);
}

static void check_memory(const struct fdt_machine *m)
{
	int mem = node("/memory@40000000");

	assert_str(mem, "device_type", "memory");
	assert_reg(mem, m->ram_base, m->ram_size);
}

static void check_cpus(const struct fdt_machine *m)
{
	int cpus = node("/cpus"), cpu;
	unsigned int i = 0;

	assert_u32(cpus, "#address-cells", 1);
	assert_u32(cpus, "#size-cells", 0);
	fdt_for_each_subnode(cpu, blob, cpus) {
		uint32_t aff = m->mpidr[i] & 0xffffff;
		char name[32];

		ck_assert_uint_lt(i, m->nr_cpus);
		snprintf(name, sizeof(name), "cpu@%x", aff);
		ck_assert_str_eq(fdt_get_name(blob, cpu, NULL), name);
		assert_str(cpu, "device_type", "cpu");
		assert_str(cpu, "compatible", "arm,armv8");
		assert_u32(cpu, "reg", aff);
		assert_str(cpu, "enable-method", "psci");
		i++;
	}
	ck_assert_uint_eq(i, m->nr_cpus);
}

static void check_psci(void)
{
	int psci = node("/psci");

	ASSERT_BYTES(psci, "compatible", "arm,psci-0.2\0arm,psci");
	assert_str(psci, "method", "hvc");
	assert_u32(psci, "cpu_on", 0xc4000003);
	assert_u32(psci, "cpu_off", 0x84000002);
	ck_assert_int_eq(fdt_node_check_compatible(blob, psci, "arm,psci"), 0);
}

static void check_gic(void)
{
	static const uint32_t reg[] = {
		0, 0x08000000, 0, 0x1000,	/* GICD */
		0, 0x08010000, 0, 0x2000,	/* GICC, GICC_DIR at +0x1000 */
	};
	int gic = node("/intc@8000000");

	assert_str(gic, "compatible", "arm,cortex-a15-gic");
	assert_u32(gic, "#interrupt-cells", 3);
	assert_empty(gic, "interrupt-controller");
	assert_cells(gic, "reg", reg, 8);
	ck_assert_int_eq(fdt_node_offset_by_compatible(blob, -1, "arm,cortex-a15-gic"), gic);
}

static void check_timer(const struct fdt_machine *m)
{
	uint32_t flags = (((1U << m->nr_cpus) - 1) << 8) | 8;	/* CPU mask, level-low */
	uint32_t irqs[] = { 1, 13, flags, 1, 14, flags, 1, 11, flags, 1, 10, flags };
	int timer = node("/timer");

	assert_str(timer, "compatible", "arm,armv8-timer");
	assert_cells(timer, "interrupts", irqs, 12);
	assert_empty(timer, "always-on");
}

/* The PMU node exactly when the vCPUs have a PMU: PPI 7, level-high, every CPU. */
static void check_pmu(const struct fdt_machine *m)
{
	uint32_t irq[] = { 1, 7, (((1U << m->nr_cpus) - 1) << 8) | 4 };
	int pmu = fdt_path_offset(blob, "/pmu");

	if (!m->pmu) {
		ck_assert_int_eq(fdt_node_offset_by_compatible(blob, -1, "arm,armv8-pmuv3"), -FDT_ERR_NOTFOUND);
		return;
	}
	ck_assert_int_ge(pmu, 0);
	assert_str(pmu, "compatible", "arm,armv8-pmuv3");
	assert_cells(pmu, "interrupts", irq, 3);
}

static void check_uart(void)
{
	uint32_t irq[] = { 0, 1, 4 };	/* SPI 1, level-high */
	uint32_t clk = phandle_of("/apb-pclk");
	uint32_t clocks[] = { clk, clk };
	int uart = node("/pl011@9000000"), pclk = node("/apb-pclk");

	ASSERT_BYTES(uart, "compatible", "arm,pl011\0arm,primecell");
	assert_reg(uart, 0x09000000, 0x1000);
	assert_cells(uart, "interrupts", irq, 3);
	assert_cells(uart, "clocks", clocks, 2);
	ASSERT_BYTES(uart, "clock-names", "uartclk\0apb_pclk");

	assert_str(pclk, "compatible", "fixed-clock");
	assert_u32(pclk, "#clock-cells", 0);
	assert_u32(pclk, "clock-frequency", 24000000);
	assert_str(pclk, "clock-output-names", "clk24mhz");
	ck_assert_uint_ne(phandle_of("/apb-pclk"), phandle_of("/intc@8000000"));
}

static void check_test_exit(void)
{
	int dev = node("/test-exit@a000000");

	assert_str(dev, "compatible", "minivmm,test-exit");
	assert_reg(dev, MEMMAP_TEST_EXIT_BASE, MEMMAP_TEST_EXIT_SIZE);
}

static void check_all(const struct fdt_machine *m)
{
	build(m);
	check_root(m);
	check_chosen(m);
	check_memory(m);
	check_cpus(m);
	check_psci();
	check_gic();
	check_timer(m);
	check_pmu(m);
	check_uart();
	check_test_exit();
}

START_TEST(test_machines)
{
	/* _i: 1, 2 or 8 CPUs, each with and without an initrd. */
	static const unsigned int cpus[] = { 1, 2, 8 };
	struct fdt_machine m;

	m = machine(cpus[_i / 2], _i % 2, "console=ttyAMA0 earlycon=pl011,0x09000000 rdinit=/init");
	check_all(&m);
	m.pmu = true;
	check_all(&m);
}
END_TEST

START_TEST(test_bootargs_verbatim)
{
	struct fdt_machine m = machine(2, false, "");

	check_all(&m);
	m.bootargs = NULL;	/* no --append at all: an empty string too */
	check_all(&m);
	m.bootargs = "  quoted=\"a b\"\ttab  ";
	check_all(&m);
}
END_TEST

START_TEST(test_mpidr_affinity)
{
	struct fdt_machine m = machine(4, false, "");
	int cpus;

	/* Aff1 set and MPIDR's RES1/MT bits: reg keeps Aff2..Aff0 only. */
	m.mpidr[0] = 0x80000000;
	m.mpidr[1] = 0x81000001;
	m.mpidr[2] = 0x80000100;
	m.mpidr[3] = 0x80010203;
	check_all(&m);
	ck_assert_int_ge(fdt_path_offset(blob, "/cpus/cpu@100"), 0);
	ck_assert_int_ge(fdt_path_offset(blob, "/cpus/cpu@10203"), 0);

	/* A non-zero Aff3 needs two address cells. */
	m.mpidr[3] = 0x0100000000ULL | 0x80000003;
	build(&m);
	cpus = node("/cpus");
	assert_u32(cpus, "#address-cells", 2);
	assert_cells(node("/cpus/cpu@100000003"), "reg", (uint32_t[]){ 1, 3 }, 2);
	assert_cells(node("/cpus/cpu@0"), "reg", (uint32_t[]){ 0, 0 }, 2);
}
END_TEST

START_TEST(test_buffer_too_small)
{
	struct fdt_machine m = machine(8, true, "console=ttyAMA0");
	long need = build(&m);
	char err[256];
	char *small = malloc(need);

	ck_assert_ptr_nonnull(small);
	/* Every size below what is needed fails cleanly; the exact size works. */
	for (long size = 0; size < need; size += size < 64 ? 1 : 37) {
		err[0] = '\0';
		ck_assert_int_eq(fdt_build(&m, small, size, err, sizeof(err)), -1);
		ck_assert_msg(strstr(err, "FDT_ERR_NOSPACE"), "size %ld: '%s'", size, err);
		ck_assert(!strncmp(err, "device tree: fdt_", 17));
	}
	ck_assert_int_eq(fdt_build(&m, small, need, err, sizeof(err)), need);
	ck_assert_int_eq(fdt_check_full(small, need), 0);
	free(small);

	ck_assert_int_eq(fdt_build(&m, blob, 100, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "device tree: fdt_property_string failed: FDT_ERR_NOSPACE (buffer of 100 bytes)");
	ck_assert_int_eq(fdt_build(&m, blob, 10, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "device tree: fdt_create failed: FDT_ERR_NOSPACE (buffer of 10 bytes)");
}
END_TEST

START_TEST(test_bad_machine)
{
	struct fdt_machine m = machine(2, true, "");
	char err[256];

	m.nr_cpus = 0;
	ck_assert_int_eq(fdt_build(&m, blob, sizeof(blob), err, sizeof(err)), -1);
	ck_assert_str_eq(err, "device tree: cannot describe 0 CPUs (1-8)");
	m.nr_cpus = 9;
	ck_assert_int_eq(fdt_build(&m, blob, sizeof(blob), err, sizeof(err)), -1);
	ck_assert_str_eq(err, "device tree: cannot describe 9 CPUs (1-8)");

	m = machine(3, false, "");
	m.mpidr[2] = m.mpidr[0] & ~(1ULL << 31);	/* same affinity, other bits differ */
	ck_assert_int_eq(fdt_build(&m, blob, sizeof(blob), err, sizeof(err)), -1);
	ck_assert_str_eq(err, "device tree: vCPUs 0 and 2 have the same MPIDR affinity 0x0");

	m = machine(1, true, "");
	m.initrd_end = m.initrd_start - 1;
	ck_assert_int_eq(fdt_build(&m, blob, sizeof(blob), err, sizeof(err)), -1);
	ck_assert(strstr(err, "initrd ends"));

	m = machine(1, false, "");
	m.ram_size = 0;
	ck_assert_int_eq(fdt_build(&m, blob, sizeof(blob), err, sizeof(err)), -1);
	ck_assert_str_eq(err, "device tree: no RAM");
}
END_TEST

/* Run dtc on the blob; returns its exit status, its output in @out. */
static int run_dtc(const void *dtb, long len, char *out, size_t outlen)
{
	char path[] = "/tmp/minivmm-fdt-XXXXXX", cmd[128];
	size_t used = 0;
	FILE *p;
	int fd = mkstemp(path), status;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, dtb, len), len);
	close(fd);
	snprintf(cmd, sizeof(cmd), "dtc -I dtb -O dts %s 2>&1", path);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	while (used + 1 < outlen) {
		size_t n = fread(out + used, 1, outlen - 1 - used, p);

		if (!n)
			break;
		used += n;
	}
	out[used] = '\0';
	status = pclose(p);
	unlink(path);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

START_TEST(test_dtc_decompiles)
{
	struct fdt_machine m = machine(4, true, "console=ttyAMA0 x=1");
	static char dts[16384];
	long len = build(&m);
	int status = run_dtc(blob, len, dts, sizeof(dts));

	ck_assert_msg(status == 0, "dtc failed (%d; is device-tree-compiler installed?): %s", status, dts);
	ck_assert_msg(!strstr(dts, "Warning") && !strstr(dts, "ERROR"), "dtc complains:\n%s", dts);
	ck_assert(strstr(dts, "compatible = \"arm,cortex-a15-gic\";"));
	ck_assert(strstr(dts, "reg = <0x00 0x8000000 0x00 0x1000 0x00 0x8010000 0x00 0x2000>;"));
	ck_assert(strstr(dts, "interrupts = <0x01 0x0d 0xf08 0x01 0x0e 0xf08 0x01 0x0b 0xf08 0x01 0x0a 0xf08>;"));
	ck_assert(strstr(dts, "bootargs = \"console=ttyAMA0 x=1\";"));
	ck_assert(strstr(dts, "pl011@9000000 {"));

	/* And dtc's own checks on a garbage blob do fail: the test can see it. */
	memset(blob, 0, 64);
	ck_assert_int_ne(run_dtc(blob, 64, dts, sizeof(dts)), 0);
}
END_TEST

START_TEST(test_check_blob)
{
	struct fdt_machine m = machine(2, false, "");
	long len = build(&m);
	char err[256];

	ck_assert_int_eq(fdt_check_blob(blob, len, err, sizeof(err)), 0);
	ck_assert_int_eq(fdt_check_blob(blob, sizeof(blob), err, sizeof(err)), 0);

	ck_assert_int_eq(fdt_check_blob(blob, 20, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "device tree blob is too short (20 bytes)");
	ck_assert_int_eq(fdt_check_blob(blob, len - 1, err, sizeof(err)), -1);
	ck_assert(strstr(err, "device tree blob is truncated"));

	/* A broken structure block: the first token after the root's name. */
	((fdt32_t *)((char *)blob + fdt_off_dt_struct(blob)))[2] = cpu_to_fdt32(0x77);
	ck_assert_int_eq(fdt_check_blob(blob, len, err, sizeof(err)), -1);
	ck_assert(strstr(err, "not a valid device tree blob: FDT_ERR_"));

	memcpy(blob, "MZ\0\0", 4);
	ck_assert_int_eq(fdt_check_blob(blob, len, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "not a valid device tree blob: FDT_ERR_BADMAGIC");
}
END_TEST

static Suite *fdt_suite(void)
{
	Suite *s = suite_create("fdt");
	TCase *tc = tcase_create("build");

	tcase_add_loop_test(tc, test_machines, 0, 6);
	tcase_add_test(tc, test_bootargs_verbatim);
	tcase_add_test(tc, test_mpidr_affinity);
	tcase_add_test(tc, test_buffer_too_small);
	tcase_add_test(tc, test_bad_machine);
	tcase_add_test(tc, test_dtc_decompiles);
	tcase_add_test(tc, test_check_blob);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(fdt_suite)
