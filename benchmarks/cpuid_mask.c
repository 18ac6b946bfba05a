/* Hide instruction-set extensions from CPUID, so that libraries which pick their kernels at
 * run time (onnxruntime's MLAS, numpy) run the code they would run on an older x86 CPU.
 *
 * Preloaded into a process (LD_PRELOAD), it turns on Linux's CPUID faulting
 * (arch_prctl ARCH_SET_CPUID, needs the `cpuid_fault` flag of /proc/cpuinfo), answers each
 * trapped CPUID itself with the real values less the bits named in $CPUID_HIDE (a comma list:
 * avx, fma, avx2, avx512, avx512vnni, avxvnni, amx), and steps over the instruction.
 * Used by benchmarks/encoder_variants.py; `cc -O2 -shared -fPIC -o cpuid_mask.so cpuid_mask.c`.
 */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <cpuid.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

/* Bits cleared: leaf 1 ECX, leaf 7.0 EBX, ECX, EDX, leaf 7.1 EAX, EDX. */
static unsigned hide1c, hide7b, hide7c, hide7d, hide71a, hide71d;

static void real_cpuid(unsigned leaf, unsigned sub, unsigned r[4]) {
    syscall(SYS_arch_prctl, ARCH_SET_CPUID, 1);
    __cpuid_count(leaf, sub, r[0], r[1], r[2], r[3]);
    syscall(SYS_arch_prctl, ARCH_SET_CPUID, 0);
}

static void on_fault(int sig, siginfo_t *info, void *raw) {
    ucontext_t *uc = raw;
    greg_t *g = uc->uc_mcontext.gregs;
    const unsigned char *ip = (const unsigned char *)g[REG_RIP];
    (void)info;
    if (ip[0] != 0x0f || ip[1] != 0xa2) { /* a real fault: die of it */
        signal(sig, SIG_DFL);
        return;
    }
    unsigned leaf = (unsigned)g[REG_RAX], sub = (unsigned)g[REG_RCX], r[4];
    real_cpuid(leaf, sub, r);
    if (leaf == 1) r[2] &= ~hide1c;
    if (leaf == 7 && sub == 0) { r[1] &= ~hide7b; r[2] &= ~hide7c; r[3] &= ~hide7d; }
    if (leaf == 7 && sub == 1) { r[0] &= ~hide71a; r[3] &= ~hide71d; }
    g[REG_RAX] = r[0]; g[REG_RBX] = r[1]; g[REG_RCX] = r[2]; g[REG_RDX] = r[3];
    g[REG_RIP] += 2;
}

static int named(const char *list, const char *name) {
    size_t n = strlen(name);
    for (const char *p = list; (p = strstr(p, name)); p += n)
        if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == '\0')) return 1;
    return 0;
}

__attribute__((constructor)) static void start(void) {
    const char *list = getenv("CPUID_HIDE");
    if (!list || !*list) return;
    if (named(list, "amx")) hide7d |= (1u << 22) | (1u << 24) | (1u << 25);
    if (named(list, "avxvnni")) hide71a |= 1u << 4, hide71d |= 1u << 4;
    if (named(list, "avx512vnni")) hide7c |= 1u << 11;
    if (named(list, "avx512")) {
        hide7b |= (1u << 16) | (1u << 17) | (1u << 21) | (1u << 28) | (1u << 30) | (1u << 31);
        hide7c |= (1u << 1) | (1u << 6) | (1u << 11) | (1u << 12) | (1u << 14);
        hide7d |= (1u << 23) | (1u << 22) | (1u << 24) | (1u << 25);
        hide71a |= 1u << 5;
    }
    if (named(list, "avx2")) hide7b |= 1u << 5;
    if (named(list, "fma")) hide1c |= 1u << 12;
    if (named(list, "avx")) hide1c |= 1u << 28;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    if (syscall(SYS_arch_prctl, ARCH_SET_CPUID, 0) != 0) {
        fprintf(stderr, "cpuid_mask: CPUID faulting is not available on this machine\n");
        _exit(3);
    }
}
