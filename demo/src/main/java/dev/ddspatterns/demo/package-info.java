/**
 * The local demo: real Redis servers and every app of the suite as its own JVM process on
 * the README's ports, then a tour that exercises each pattern against the running system
 * and prints what it saw. {@code ./demo.sh} runs {@link dev.ddspatterns.demo.Demo}.
 */
package dev.ddspatterns.demo;
