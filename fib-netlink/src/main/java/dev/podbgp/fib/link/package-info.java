/** Interface and address events from the kernel, for noticing next hops that went away. */
package dev.podbgp.fib.link;
