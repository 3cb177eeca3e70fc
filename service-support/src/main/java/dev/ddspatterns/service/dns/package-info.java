/**
 * DNS answers kept briefly, so that clients follow a server that restarts at a new
 * address (a container does): {@link dev.ddspatterns.service.dns.ShortLivedDns}, applied
 * to every app's Spring Data Redis client by an auto-configuration.
 */
package dev.ddspatterns.service.dns;
