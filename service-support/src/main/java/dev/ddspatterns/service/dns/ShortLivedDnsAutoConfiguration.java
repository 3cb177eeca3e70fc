package dev.ddspatterns.service.dns;

import io.lettuce.core.resource.Transports;
import io.netty.resolver.dns.DnsAddressResolverGroup;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Spring Data Redis's Lettuce client, in every app that has one, with
 * {@link ShortLivedDns}: a restarted Redis container is found at its new address.
 */
@AutoConfiguration
@ConditionalOnClass({ ClientResourcesBuilderCustomizer.class, Transports.class, DnsAddressResolverGroup.class })
class ShortLivedDnsAutoConfiguration {

	@Bean
	ClientResourcesBuilderCustomizer shortLivedDns() {
		return (resources) -> resources.addressResolverGroup(ShortLivedDns.forLettuce());
	}

}
