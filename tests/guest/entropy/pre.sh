# dom0, before xl create: a fresh 32-byte seed from dom0's own pool, as
# a toolstack would pass one (docs/random.md). The same seed serves both
# boots (xl reboot reuses the configuration): the bytes must differ all
# the same.
set -e
seed=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
[ ${#seed} -eq 64 ]
sed -i "s/^extra = \"/extra = \"seed=$seed /" guest.cfg
grep '^extra = ' guest.cfg | sed 's/seed=[0-9a-f]*/seed=(64 hex digits)/'
echo "pre.sh: seed passed"
