#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The version `minivmm --version` prints. In a git checkout: `git describe`
# of the newest v* tag, or, before the first tag, VERSION plus the commit
# (0.1.0-g1234abc); "-dirty" marks uncommitted changes. Without git (a
# release tarball): VERSION alone.
top=$(dirname "$0")/..
base=$(cat "$top/VERSION" 2>/dev/null) || base=unknown
if v=$(git -C "$top" describe --tags --match 'v[0-9]*' --dirty 2>/dev/null); then
	echo "${v#v}"
elif c=$(git -C "$top" describe --always --dirty 2>/dev/null); then
	echo "$base-g$c"
else
	echo "$base"
fi
