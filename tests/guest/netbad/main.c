/*
 * netbad: a guest with bad network input must still reach main() and exit
 * 0: "ip=" on the command line is not an address, the second vif's MAC in
 * xenstore is not a MAC, and the third vif's backend never connects. The
 * network layer's messages about each are checked on the console.
 */
#include <stdio.h>

int main(int argc, char **argv)
{
	int i;

	printf("netbad: main ran, %d argument(s):", argc - 1);
	for (i = 1; i < argc; i++)
		printf(" '%s'", argv[i]);
	printf("\n");
	return 0;
}
