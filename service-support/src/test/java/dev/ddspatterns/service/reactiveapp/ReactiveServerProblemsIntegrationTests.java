package dev.ddspatterns.service.reactiveapp;

import dev.ddspatterns.service.TestAppHostileRequests;

/**
 * What Reactor Netty and Spring's adapter answer by themselves, before any filter of the
 * app runs, is a problem too ({@code problem.UndecodableRequests}), and the suite's
 * limits hold ({@code problem.RequestScreenWebFilter}): see
 * {@code HostileRequestsContract}.
 */
@ReactiveAppTest
class ReactiveServerProblemsIntegrationTests extends TestAppHostileRequests {

}
