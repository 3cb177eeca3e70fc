package dev.ddspatterns.service;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Makes {@link SuiteProperties} available to apps, for example to use {@code instanceId}
 * as the owner name in a lease. Everything else this module sets up is a default property
 * ({@link ServiceDefaults}) or a problem handler
 * ({@code problem.ProblemHandlingAutoConfiguration}).
 */
@AutoConfiguration
@EnableConfigurationProperties(SuiteProperties.class)
class ServiceSupportAutoConfiguration {

}
