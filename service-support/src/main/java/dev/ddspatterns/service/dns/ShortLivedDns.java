package dev.ddspatterns.service.dns;

import java.time.Duration;

import io.lettuce.core.resource.Transports;
import io.netty.channel.socket.SocketChannel;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.dns.DefaultDnsCache;
import io.netty.resolver.dns.DefaultDnsCnameCache;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;

/**
 * DNS answers believed for a few seconds at most. A server that restarts in a container
 * comes back under the same name at a new address; Netty's DNS resolver, which Lettuce
 * and Reactor Netty use, keeps an answer as long as its TTL says, and container DNS
 * servers give long ones, so a client would go on dialling the old address for good (a
 * system test saw cache-service never reach its restarted Redis primary). Kubernetes
 * Services keep their address, so there this costs a lookup every few seconds and changes
 * nothing else.
 */
public final class ShortLivedDns {

	/** The longest an answer is kept; a failed lookup is not kept at all. */
	public static final Duration MAX_TTL = Duration.ofSeconds(5);

	private ShortLivedDns() {
	}

	/**
	 * A resolver for Lettuce's {@code ClientResources}, on the same transport Lettuce
	 * uses.
	 * @return a new resolver group
	 */
	public static AddressResolverGroup<?> forLettuce() {
		int maxTtl = (int) MAX_TTL.toSeconds();
		return new DnsAddressResolverGroup(
				new DnsNameResolverBuilder().datagramChannelType(Transports.datagramChannelClass())
					.socketChannelType(Transports.socketChannelClass().asSubclass(SocketChannel.class))
					.resolveCache(new DefaultDnsCache(0, maxTtl, 0))
					.cnameCache(new DefaultDnsCnameCache(0, maxTtl)));
	}

}
