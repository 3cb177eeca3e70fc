package dev.ddspatterns.gateway.affinity;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the session-affine load balancer.
 *
 * @param sessionCookies Cookies that name a client's session, in order of preference. The
 * first one present decides the replica; without any, the client's address does.
 */
@ConfigurationProperties("suite.gateway.affinity")
@Validated
record AffinityProperties(@DefaultValue( {
		"suite-session", "SESSION" }) @NotEmpty List<String> sessionCookies){

}
