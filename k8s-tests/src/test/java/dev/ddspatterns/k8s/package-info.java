/**
 * The Kubernetes manifests under {@code k8s/}, checked without a cluster. Kustomize is
 * not needed: {@link dev.ddspatterns.k8s.Manifests} follows each kustomization's
 * {@code resources} and binds every document to fabric8's typed Kubernetes model, and the
 * checks read the typed objects.
 *
 * <p>
 * Read {@link dev.ddspatterns.k8s.Findings} first: it lists the checks. Schema (known
 * kinds, stable apiVersions, no unknown field), pod security (the "restricted" Pod
 * Security Standard, read-only roots, requests and limits, pinned images), wiring
 * (selectors, Service ports, a disruption budget and a network policy per workload,
 * probes on the app's real health groups and port), app settings (every variable binds to
 * a property in the app's own configuration metadata, see
 * {@link dev.ddspatterns.k8s.AppFacts}), traffic (the network policies allow exactly the
 * connections the settings name, {@link dev.ddspatterns.k8s.TrafficChecks}), management
 * (actuator on its own port, scraped there, open to Prometheus only,
 * {@link dev.ddspatterns.k8s.ManagementChecks}) and exposure. {@code ManifestsTests}
 * holds the real manifests to all of them; {@code BrokenManifestsTests} shows each kind
 * of fault caught, one broken fixture each.
 */
package dev.ddspatterns.k8s;
