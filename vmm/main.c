// SPDX-License-Identifier: GPL-2.0
/*
 * minivmm: parse the command line, load the guest, build the machine, run
 * one thread per vCPU until the guest powers off, and exit with its status.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fdt/fdt.h"
#include "vgic/vgic.h"
#include "vmm/console.h"
#include "vmm/errmsg.h"
#include "vmm/gic.h"
#include "vmm/loader.h"
#include "vmm/memmap.h"
#include "vmm/options.h"
#include "vmm/pl011.h"
#include "vmm/serial.h"
#include "vmm/stats.h"
#include "vmm/stderr_guard.h"
#include "vmm/test_exit.h"
#include "vmm/trace.h"
#include "vmm/vm.h"

#define ERRLEN 256
/* The generated tree is a few KiB; reserve room for growth, not the 2 MiB limit. */
#define GENERATED_DTB_ROOM (64 * 1024)

/*
 * The image and initrd are checked and planned from their headers and
 * sizes, and read straight into guest RAM only once the VM exists: a bad
 * /dev/kvm is reported before a large file is read, and --dump-dtb reads
 * neither. Their descriptors stay open for --reboot, which loads them again.
 */
struct boot_files {
	int image_fd, initrd_fd;	/* -1: none */
	void *dtb;
	size_t image_len, initrd_len, dtb_len;
	struct image_info info;
	struct boot_layout layout;
};

static void free_boot_files(struct boot_files *f)
{
	if (f->image_fd >= 0)
		close(f->image_fd);
	if (f->initrd_fd >= 0)
		close(f->initrd_fd);
	free(f->dtb);
	f->image_fd = f->initrd_fd = -1;
	f->dtb = NULL;
}

static void describe_machine(const struct options *opts, const struct boot_files *f,
			     const uint64_t *mpidr, const struct cpu_features *cf,
			     struct fdt_machine *m)
{
	memset(m, 0, sizeof(*m));
	m->nr_cpus = opts->nr_cpus;
	m->pmu = cf->on[CPU_FEATURE_PMU];
	for (unsigned int i = 0; i < opts->nr_cpus; i++)
		m->mpidr[i] = mpidr[i];
	m->ram_base = MEMMAP_RAM_BASE;
	m->ram_size = opts->ram_size;
	m->bootargs = opts->append;
	if (f->initrd_fd >= 0) {
		m->initrd_start = f->layout.initrd_addr;
		m->initrd_end = f->layout.initrd_addr + f->initrd_len;
	}
}

/* KVM's rule for MPIDRs (Aff0 = vCPU index, bit 31 RES1): for a tree built without KVM. */
static void default_mpidrs(const struct options *opts, uint64_t *mpidr)
{
	for (unsigned int i = 0; i < opts->nr_cpus; i++)
		mpidr[i] = (1ULL << 31) | i;
}

/*
 * The generated tree must fit its room, and only --append can make it too
 * big: say so in those words, before KVM is set up.
 */
static int check_append_fits(const struct options *opts, const struct boot_files *f, char *err)
{
	static char buf[GENERATED_DTB_ROOM];
	uint64_t mpidr[VM_MAX_CPUS];
	struct cpu_features all = { .on = { [CPU_FEATURE_PMU] = true } };	/* the largest tree */
	struct fdt_machine m;

	default_mpidrs(opts, mpidr);
	describe_machine(opts, f, mpidr, &all, &m);
	if (fdt_build(&m, buf, sizeof(buf), err, ERRLEN) >= 0)
		return 0;
	m.bootargs = "";
	if (fdt_build(&m, buf, sizeof(buf), err, ERRLEN) < 0)
		return -1;	/* not --append's fault: keep fdt_build's reason */
	return errmsg(err, ERRLEN, "--append is too long (%zu bytes): the device tree must fit in %d KiB",
		      strlen(opts->append), GENERATED_DTB_ROOM / 1024);
}

/* Read and check every input file and decide where each goes. */
static int prepare_boot(const struct options *opts, struct boot_files *f, char *err)
{
	uint64_t dtb_room = GENERATED_DTB_ROOM;
	static uint8_t head[LOADER_PROBE_BYTES];
	size_t head_len;

	if (loader_open_file(opts->image, opts->ram_size, &f->image_fd, &f->image_len, err, ERRLEN) ||
	    loader_read_head(f->image_fd, opts->image, head, sizeof(head), &head_len, err, ERRLEN) ||
	    loader_probe_head(head, head_len, f->image_len, &f->info, err, ERRLEN))
		return -1;
	if (opts->initrd &&
	    loader_open_file(opts->initrd, opts->ram_size, &f->initrd_fd, &f->initrd_len, err, ERRLEN))
		return -1;
	if (opts->dtb) {
		if (loader_read_file(opts->dtb, &f->dtb, &f->dtb_len, LOADER_DTB_MAX_SIZE, err, ERRLEN) ||
		    fdt_check_blob(f->dtb, f->dtb_len, err, ERRLEN))
			return -1;
		dtb_room = f->dtb_len;
	}
	if (loader_plan(&f->info, MEMMAP_RAM_BASE, opts->ram_size, f->initrd_len, dtb_room,
			&f->layout, err, ERRLEN))
		return -1;
	return opts->dtb ? 0 : check_append_fits(opts, f, err);
}

/* Is the open file @st the file at @path (an input named differently, a link)? */
static bool same_file(const struct stat *st, const char *path)
{
	struct stat in;

	return path && !stat(path, &in) && in.st_dev == st->st_dev && in.st_ino == st->st_ino;
}

/*
 * Open an output FILE of @option (--dump-dtb, --stats=json, --trace): a
 * regular file (created or truncated), a character device (/dev/stdout,
 * /dev/null) or a FIFO a process reads. Never an input file or the other
 * output, never a wait on a FIFO nobody reads. Returns the descriptor, or
 * -1 with @err.
 */
static int open_output(const char *option, const char *path, const struct options *opts, char *err)
{
	const char *other = path == opts->trace_file ? opts->stats_file : opts->trace_file;
	struct quoted q = quoted(path);
	struct stat st;
	int fd, ret = 0;

	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0644);
	if (fd < 0 && errno == ENXIO)
		return errmsg(err, ERRLEN, "cannot write %s: it is a FIFO that no process reads", q.s);
	if (fd < 0)
		return errmsg(err, ERRLEN, "cannot write %s: %s", q.s, strerror(errno));
	if (fstat(fd, &st)) {
		ret = errmsg(err, ERRLEN, "cannot write %s: %s", q.s, strerror(errno));
	} else if (!S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode) && !S_ISFIFO(st.st_mode)) {
		ret = errmsg(err, ERRLEN, "cannot write %s: it is %s", q.s, loader_file_kind(st.st_mode));
	} else if (same_file(&st, opts->image) || same_file(&st, opts->initrd)) {
		ret = errmsg(err, ERRLEN, "%s %s would overwrite the input file %s", option, q.s,
			     same_file(&st, opts->image) ? "IMAGE" : "--initrd");
	} else if (S_ISREG(st.st_mode) && same_file(&st, other)) {
		ret = errmsg(err, ERRLEN, "%s %s is also the file of %s", option, q.s,
			     other == opts->trace_file ? "--trace" : "--stats=json");
	} else if (S_ISREG(st.st_mode) && ftruncate(fd, 0)) {
		ret = errmsg(err, ERRLEN, "cannot write %s: %s", q.s, strerror(errno));
	} else if (fcntl(fd, F_SETFL, 0)) {	/* a reader exists: block normally now */
		ret = errmsg(err, ERRLEN, "cannot write %s: %s", q.s, strerror(errno));
	}
	if (ret) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Write @buf to an output FILE of @option; a failing write or close is one error. */
static int write_file(const char *option, const char *path, const void *buf, size_t len,
		      const struct options *opts, char *err)
{
	struct quoted q = quoted(path);
	const char *p = buf;
	int fd, ret = 0;

	fd = open_output(option, path, opts, err);
	if (fd < 0)
		return -1;
	while (!ret && len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			ret = errmsg(err, ERRLEN, "cannot write %s: %s", q.s, strerror(errno));
		else {
			p += n;
			len -= n;
		}
	}
	/* close() reports delayed write errors (NFS, quotas): count them, once. */
	if (close(fd) && !ret)
		ret = errmsg(err, ERRLEN, "cannot write %s: %s", q.s, strerror(errno));
	return ret;
}

/*
 * --dump-dtb: the tree a run would get. MPIDRs come from KVM when it is
 * there; otherwise from KVM's own rule (Aff0 = vCPU index, bit 31 RES1),
 * so the dump also works on a machine without /dev/kvm.
 */
static int dump_dtb(const struct options *opts, const struct boot_files *f, char *err)
{
	uint64_t mpidr[VM_MAX_CPUS];
	struct fdt_machine m;
	char buf[GENERATED_DTB_ROOM];
	struct vm vm = { .nr_cpus = opts->nr_cpus, .gic_fd = -1 };
	long len;

	default_mpidrs(opts, mpidr);
	memcpy(vm.cpu_features.choice, opts->cpu_feature, sizeof(opts->cpu_feature));
	cpu_features_assume(&vm.cpu_features);
	if (kvm_init(&vm.kvm, false, err, ERRLEN) == 0) {
		if (cpu_features_resolve(&vm.cpu_features, vm.kvm.vm_fd, err, ERRLEN)) {
			kvm_exit(&vm.kvm);
			return -1;
		}
		for (unsigned int i = 0; i < opts->nr_cpus; i++) {
			if (vcpu_init(&vm.vcpus[i], &vm, i, err, ERRLEN))
				break;
			mpidr[i] = vm.vcpus[i].mpidr;
		}
	}
	for (unsigned int i = 0; i < opts->nr_cpus; i++)
		if (vm.vcpus[i].vm)
			vcpu_destroy(&vm.vcpus[i]);
	kvm_exit(&vm.kvm);

	describe_machine(opts, f, mpidr, &vm.cpu_features, &m);
	len = fdt_build(&m, buf, sizeof(buf), err, ERRLEN);
	if (len < 0)
		return -1;
	return write_file("--dump-dtb", opts->dump_dtb, buf, len, opts, err);
}

/* --cpu-features without an IMAGE: what a VM would get here, on stdout. */
static int list_cpu_features(const struct options *opts, char *err)
{
	struct kvm kvm;
	struct cpu_features cf = { 0 };
	int ret;

	memcpy(cf.choice, opts->cpu_feature, sizeof(opts->cpu_feature));
	ret = kvm_init(&kvm, !opts->kernel_irqchip, err, ERRLEN) ||
	      cpu_features_resolve(&cf, kvm.vm_fd, err, ERRLEN);
	kvm_exit(&kvm);
	if (ret)
		return VM_EXIT_ERROR;
	cpu_features_print(&cf, stdout);
	return 0;
}

/* Copy the boot files into guest RAM and point vCPU 0 at the kernel. */
static int load_guest(struct vm *vm, const struct options *opts, struct boot_files *f, char *err)
{
	const struct boot_layout *l = &f->layout;
	uint64_t mpidr[VM_MAX_CPUS];
	struct fdt_machine m;
	void *image_dst, *initrd_dst = NULL, *dtb_dst;
	long dtb_len;

	image_dst = kvm_gpa_to_hva(&vm->kvm, l->kernel_addr, f->image_len);
	if (f->initrd_fd >= 0)
		initrd_dst = kvm_gpa_to_hva(&vm->kvm, l->initrd_addr, f->initrd_len);
	dtb_dst = kvm_gpa_to_hva(&vm->kvm, l->dtb_addr, l->dtb_max);
	if (!image_dst || (f->initrd_fd >= 0 && !initrd_dst) || !dtb_dst) {
		snprintf(err, ERRLEN, "internal error: boot files placed outside RAM");
		return -1;
	}
	if (loader_load_fd(f->image_fd, opts->image, f->image_len, image_dst, err, ERRLEN) ||
	    (initrd_dst &&
	     loader_load_fd(f->initrd_fd, opts->initrd, f->initrd_len, initrd_dst, err, ERRLEN)))
		return -1;
	if (f->dtb) {
		memcpy(dtb_dst, f->dtb, f->dtb_len);
	} else {
		for (unsigned int i = 0; i < vm->nr_cpus; i++)
			mpidr[i] = vm->vcpus[i].mpidr;
		describe_machine(opts, f, mpidr, &vm->cpu_features, &m);
		dtb_len = fdt_build(&m, dtb_dst, l->dtb_max, err, ERRLEN);
		if (dtb_len < 0)
			return -1;
	}
	return vcpu_set_boot_regs(&vm->vcpus[0], l->entry, l->dtb_addr, err, ERRLEN);
}

static void console_quit(void *opaque)
{
	vm_stop(opaque, VM_EXIT_POWEROFF, "terminated by Ctrl-A x");
}

/* Build the machine. On failure the caller still runs vm_teardown. */
static int vm_setup(struct vm *vm, const struct options *opts, struct boot_files *f, char *err)
{
	vm->nr_cpus = opts->nr_cpus;
	vm->strict_mmio = opts->strict_mmio;
	vm->main_thread = pthread_self();
	pthread_mutex_init(&vm->report_lock, NULL);
	pthread_mutex_init(&vm->stop_lock, NULL);
	vm->reboot = opts->reboot;
	vm->irq_kick = opts->irq_kick;
	vm->line_drop = opts->line_drop;
	vm->line_drop_seed = opts->faults.seed;

	vm->gic_fd = -1;
	memcpy(vm->cpu_features.choice, opts->cpu_feature, sizeof(opts->cpu_feature));
	if (kvm_init(&vm->kvm, !opts->kernel_irqchip, err, ERRLEN) ||
	    cpu_features_resolve(&vm->cpu_features, vm->kvm.vm_fd, err, ERRLEN))
		return -1;
	if (opts->list_cpu_features)
		cpu_features_print(&vm->cpu_features, stderr);
	if (kvm_add_ram(&vm->kvm, MEMMAP_RAM_BASE, opts->ram_size, opts->thp, err, ERRLEN) ||
	    (opts->kernel_irqchip && gic_kernel_create(vm, err, ERRLEN)))
		return -1;
	vcpu_setup_kick_signal();
	for (unsigned int i = 0; i < vm->nr_cpus; i++)
		if (vcpu_init(&vm->vcpus[i], vm, i, err, ERRLEN))
			return -1;
	if (gic_setup(vm, &opts->faults, err, ERRLEN) || serial_setup(vm, err, ERRLEN) ||
	    test_exit_setup(vm, err, ERRLEN))
		return -1;
	return load_guest(vm, opts, f, err);
}

/* Stop and join every vCPU thread; the vCPU fds stay open. */
static void vm_teardown_threads(struct vm *vm)
{
	for (unsigned int i = 0; i < vm->nr_cpus; i++) {
		vcpu_kick(&vm->vcpus[i]);
		vcpu_join(&vm->vcpus[i]);
	}
}

static void vm_teardown(struct vm *vm)
{
	vm_teardown_threads(vm);
	/*
	 * The console thread before the vCPUs' kvm_run pages go: after Ctrl-A x
	 * it may still be kicking vCPUs in vm_stop (writing immediate_exit)
	 * when this thread, woken by its own tick, already tears down.
	 */
	if (vm->console)
		console_stop(vm->console);
	for (unsigned int i = 0; i < vm->nr_cpus; i++)
		if (vm->vcpus[i].vm)
			vcpu_destroy(&vm->vcpus[i]);
	console_flush();
	serial_teardown(vm);
	gic_teardown(vm);
	kvm_exit(&vm->kvm);
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * The main thread only waits: for the VM to stop (vm_stop wakes it with
 * SIGUSR2) or for a termination signal, which stops the VM. A SIGUSR2 from
 * outside while the VM runs asks for the --stats tables. Every
 * VM_POWER_WATCH_MS it checks whether the guest turned every vCPU off, and
 * with our GIC and direct injection it watches the vCPUs' IRQ lines every
 * VCPU_LINE_WATCH_MS while they are set from other threads (vm_watch_lines).
 */
static void vm_wait(struct vm *vm, const struct options *opts, const sigset_t *waited)
{
	bool line_watch = vm->gic_fd < 0 && !vm->irq_kick, asleep = !line_watch;
	const struct timespec fast = { .tv_nsec = VCPU_LINE_WATCH_MS * 1000000L },
			      slow = { .tv_sec = VM_POWER_WATCH_MS / 1000,
				       .tv_nsec = VM_POWER_WATCH_MS % 1000 * 1000000L };
	uint64_t last_power_watch = now_ms();

	atomic_store(&vm->line_watch_asleep, false);
	vm->line_quiet_looks = 0;
	while (!vm_is_stopping(vm)) {
		int sig = sigtimedwait(waited, NULL, asleep ? &slow : &fast);

		if (sig == VM_LINE_WATCH_SIGNAL) {
			asleep = !line_watch;
			vm->line_quiet_looks = 0;
			continue;
		}
		if (sig < 0) {
			if (errno != EAGAIN)
				continue;
			if (!asleep)
				asleep = vm_watch_lines(vm);
			if (now_ms() - last_power_watch >= VM_POWER_WATCH_MS) {
				last_power_watch = now_ms();
				vm_watch_power(vm);
			}
			continue;
		}
		if (sig != SIGUSR2) {
			char why[64];

			snprintf(why, sizeof(why), "terminated by signal %d (%s)", sig, strsignal(sig));
			vm_stop(vm, 128 + sig, why);
		} else if (opts->stats && !vm_is_stopping(vm)) {
			stats_print(vm, stderr);
		}
	}
}

/*
 * --reboot, after a guest's reset: every vCPU thread joined, the machine
 * back to its power-on state (vCPUs, GIC, UART) and the images loaded
 * again, as QEMU does; RAM is not cleared. Then the vCPUs may run again.
 */
static int vm_reboot(struct vm *vm, const struct options *opts, struct boot_files *f, char *err)
{
	vm_teardown_threads(vm);
	for (unsigned int i = 0; i < vm->nr_cpus; i++)
		if (vcpu_reset(&vm->vcpus[i], err, ERRLEN))
			return -1;
	gic_reset(vm);
	pl011_reset(vm->uart);
	return load_guest(vm, opts, f, err);
}

static int vm_run(struct vm *vm, const struct options *opts, struct boot_files *f)
{
	char err[ERRLEN];
	sigset_t waited;

	/* Blocked here, inherited by every thread: only sigwait below takes them. */
	sigemptyset(&waited);
	sigaddset(&waited, SIGINT);
	sigaddset(&waited, SIGTERM);
	sigaddset(&waited, SIGHUP);
	sigaddset(&waited, SIGUSR2);
	sigaddset(&waited, VM_LINE_WATCH_SIGNAL);
	pthread_sigmask(SIG_BLOCK, &waited, NULL);
	signal(SIGPIPE, SIG_IGN);

	vm->console = console_start(vm->uart, console_quit, vm);
	for (;;) {
		for (unsigned int i = 0; i < vm->nr_cpus; i++) {
			if (vcpu_start(&vm->vcpus[i])) {
				vm_stop(vm, VM_EXIT_ERROR, "cannot create a vCPU thread");
				break;
			}
		}
		vm_wait(vm, opts, &waited);
		if (!vm->reset_pending)
			break;
		if (vm_reboot(vm, opts, f, err)) {
			fprintf(stderr, "minivmm: rebooting: %s\n", err);
			return VM_EXIT_ERROR;
		}
		if (!vm_resume_after_reset(vm))
			break;		/* stopped while it rebooted */
	}
	return vm->exit_status;
}

/* --stats at the end: the tables on stderr, or the JSON document in its file. */
static int report_stats(struct vm *vm, const struct options *opts, char *err)
{
	char *json = NULL;
	size_t len = 0;
	FILE *mem;
	int ret;

	if (opts->stats == OPTIONS_STATS_TEXT)
		stats_print(vm, stderr);
	if (opts->stats != OPTIONS_STATS_JSON)
		return 0;
	mem = open_memstream(&json, &len);
	if (!mem)
		return errmsg(err, ERRLEN, "--stats=json: %s", strerror(errno));
	stats_print_json(vm, mem);
	if (fclose(mem))
		ret = errmsg(err, ERRLEN, "--stats=json: %s", strerror(errno));
	else
		ret = write_file("--stats=json", opts->stats_file, json, len, opts, err);
	free(json);
	return ret;
}

/* --trace: start recording before the GIC exists, so it sees every event. */
static int start_trace(struct vm *vm, const struct options *opts, char *err)
{
	int fd;

	if (!opts->trace_file)
		return 0;
	fd = open_output("--trace", opts->trace_file, opts, err);
	if (fd < 0)
		return -1;
	vm->trace = trace_open(fd, opts->trace_csv ? TRACE_CSV : TRACE_JSON, opts->nr_cpus);
	if (!vm->trace)
		return errmsg(err, ERRLEN, "--trace: %s", strerror(errno));
	return 0;
}

/* End the trace once nothing records any more; say what was lost. */
static int finish_trace(struct vm *vm, const struct options *opts, char *err)
{
	uint64_t dropped;
	char why[160];
	int ret;

	if (!vm->trace)
		return 0;
	ret = trace_close(vm->trace, &dropped, why, sizeof(why));
	vm->trace = NULL;
	if (dropped)
		fprintf(stderr, "minivmm: --trace: %llu events dropped (the writer fell behind)\n",
			(unsigned long long)dropped);
	if (ret)
		return errmsg(err, ERRLEN, "--trace %s: %s", quoted(opts->trace_file).s, why);
	return 0;
}

/* --debug-gic: where each vCPU stopped and what the GIC would deliver. */
static void vm_debug_dump(struct vm *vm)
{
	for (unsigned int i = 0; i < vm->nr_cpus; i++)
		fprintf(stderr, "minivmm: vCPU %u stopped at pc 0x%llx\n", i,
			(unsigned long long)vcpu_read_pc(&vm->vcpus[i]));
	if (vm->vgic)
		vgic_dump(vm->vgic, stderr);
	else
		fprintf(stderr, "minivmm: --irqchip=kernel: the GIC's state is KVM's\n");
}

int main(int argc, char **argv)
{
	static struct vm vm;	/* large and long-lived: keep it off the stack */
	struct boot_files files = { .image_fd = -1, .initrd_fd = -1 };
	struct options opts;
	char err[ERRLEN];
	int status;

	stderr_guard_install();
	switch (options_parse(argc, argv, &opts, stdout, err, sizeof(err))) {
	case OPTIONS_EXIT_OK:
		return 0;
	case OPTIONS_ERROR:
		fprintf(stderr, "%s\n", err);
		return VM_EXIT_USAGE;
	case OPTIONS_RUN:
		break;
	}

	if (opts.list_cpu_features && !opts.image) {
		status = list_cpu_features(&opts, err);
		if (status)
			fprintf(stderr, "minivmm: %s\n", err);
		return status;
	}
	if (prepare_boot(&opts, &files, err)) {
		fprintf(stderr, "minivmm: %s\n", err);
		free_boot_files(&files);
		return VM_EXIT_USAGE;
	}
	if (opts.dump_dtb) {
		status = dump_dtb(&opts, &files, err) ? VM_EXIT_ERROR : 0;
		if (status)
			fprintf(stderr, "minivmm: %s\n", err);
		free_boot_files(&files);
		return status;
	}

	if (start_trace(&vm, &opts, err)) {
		fprintf(stderr, "minivmm: %s\n", err);
		free_boot_files(&files);
		return VM_EXIT_USAGE;
	}
	if (vm_setup(&vm, &opts, &files, err)) {
		fprintf(stderr, "minivmm: %s\n", err);
		status = VM_EXIT_ERROR;
	} else {
		if (!opts.reboot)
			free_boot_files(&files);	/* a reboot loads them again */
		status = vm_run(&vm, &opts, &files);
		if (opts.debug_gic || opts.stats)
			vm_teardown_threads(&vm);	/* counters final, state still */
		if (opts.debug_gic)
			vm_debug_dump(&vm);
		if (report_stats(&vm, &opts, err)) {
			fprintf(stderr, "minivmm: %s\n", err);
			if (!status)
				status = VM_EXIT_ERROR;
		}
	}
	vm_teardown(&vm);
	if (finish_trace(&vm, &opts, err)) {
		fprintf(stderr, "minivmm: %s\n", err);
		if (!status)
			status = VM_EXIT_ERROR;
	}
	free_boot_files(&files);
	return status;
}
