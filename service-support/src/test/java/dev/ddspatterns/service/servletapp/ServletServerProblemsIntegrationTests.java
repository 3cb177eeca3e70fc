package dev.ddspatterns.service.servletapp;

import dev.ddspatterns.service.TestAppHostileRequests;

/**
 * What Tomcat answers by itself, before any filter or servlet of the app runs, is a
 * problem too ({@code problem.ProblemReportValve}), and the suite's limits hold: see
 * {@code HostileRequestsContract}.
 */
@ServletAppTest
class ServletServerProblemsIntegrationTests extends TestAppHostileRequests {

}
