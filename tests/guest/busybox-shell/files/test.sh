echo "sh: start, pid $$"
echo "sh: ls / says: $(ls / | tr '\n' ' ')"
echo "sh: lines $(cat /data.txt | wc -l)"
sum=$(md5sum < /data.txt)
echo "sh: md5 ${sum%% *}"
echo "sh: upper $(echo hello | tr a-z A-Z)"
(exit 3)
echo "sh: subshell exit $?"
sh -c 'exit 4'
echo "sh: child shell exit $?"
sleep 1 &
bg=$!
wait $bg
echo "sh: background job exit $?"
x=$(sh -c 'echo $PPID')
[ "$x" = "$$" ] && echo "sh: child's parent is the shell"
seq 1 2000 | sort -rn | head -n 1 | sed 's/^/sh: sorted max /'
grep -c line /data.txt | sed 's/^/sh: grep count /'
echo "sh: subshell pwd $(cd /tmp && pwd), shell pwd $(pwd)"
echo written by a child > /tmp/out.txt
echo "sh: read back: $(cat /tmp/out.txt)"
exec sh -c 'echo "sh: exec done"; exit 6'
echo "sh: FAIL: exec returned"
