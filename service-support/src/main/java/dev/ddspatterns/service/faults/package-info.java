/**
 * Fault switches: faults an app can be told to inject at run time (freeze a leaf, pause a
 * leader, take a shard's primary away), so the pattern console, a tour or an operator can
 * break a pattern on purpose and watch it cope, under the demo, compose or Kubernetes
 * alike. Off unless {@code suite.faults.enabled}, and then only with the token of
 * {@code suite.faults.token}. An app declares its switches as {@link FaultSwitch} beans;
 * {@link FaultSwitchController} serves them at {@code /v1/faults}.
 */
package dev.ddspatterns.service.faults;
