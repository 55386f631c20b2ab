# pvgrub-part: the checks of pvgrub-disk, for the partitioned layout.
# shellcheck source=tests/guest/pvgrub-disk/check.sh
. "$TESTDIR/../pvgrub-disk/check.sh"
