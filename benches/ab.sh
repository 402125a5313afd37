#!/usr/bin/env bash
# A/B comparison of evidoc binaries on one site: alternates `build --no-search` and `check` with
# each binary, N rounds, and prints the medians of wall time, CPU time (user + sys) and peak
# memory. For a change's before/after figures (BENCHMARKS.md), on a site from gen-site.py.
#
#     bash benches/ab.sh SITE_ROOT ROUNDS BINARY...
#     bash benches/ab.sh /dev/shm/g/site-10000/evidoc 3 /tmp/evidoc-before target/release/evidoc
#
# Copy each binary out of target/ first, so that a rebuild does not change what is measured.
# Builds write to /dev/shm/ab-out (deleted after each run). A benchmark: nothing is asserted.
set -euo pipefail
SITE=$1; N=$2; shift 2
for b in "$@"; do : > /dev/shm/ab-$(basename $b).txt; done
for i in $(seq $N); do
  for b in "$@"; do
    rm -rf /dev/shm/ab-out
    /usr/bin/time -f "build %e %U %S %M" -a -o /dev/shm/ab-$(basename $b).txt $b build --root $SITE --output /dev/shm/ab-out --no-search >/dev/null 2>&1
    /usr/bin/time -f "check %e %U %S %M" -a -o /dev/shm/ab-$(basename $b).txt $b check --root $SITE >/dev/null 2>&1
  done
done
rm -rf /dev/shm/ab-out
for b in "$@"; do
  for k in build check; do
    grep "^$k" /dev/shm/ab-$(basename $b).txt | awk -v n=$(basename $b) -v k=$k '{w[NR]=$2; c[NR]=$3+$4; m[NR]=$5}
      function med(a,n, i,j,t){for(i=1;i<=n;i++)for(j=i+1;j<=n;j++)if(a[j]<a[i]){t=a[i];a[i]=a[j];a[j]=t}; return n%2?a[(n+1)/2]:(a[n/2]+a[n/2+1])/2}
      END{printf "%-16s %s wall %.2f cpu %.2f peak %d MiB\n", n, k, med(w,NR), med(c,NR), med(m,NR)/1024}'
  done
done
