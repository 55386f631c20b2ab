# Type a line into the guest's console through its pty, as `xl console`
# would. The line is made here, so the guest cannot know it in advance.
. ./dom0lib.sh
wait_key data/reading > /dev/null || exit 1
tty=$(xenstore-read "$(guest_path)/console/tty") || { echo "no console/tty"; exit 1; }
word="skiff-$(date +%s)-$$"
echo "typing $word into $tty"
printf '%s\r' "$word" > "$tty"
echo "$word" | awk '{ s = ""; for (i = length($0); i > 0; i--) s = s substr($0, i, 1); print s }' > expected
echo "expect: $(cat expected)"
