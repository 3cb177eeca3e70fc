/**
 * Delays and failures injected into the search endpoints on request, off by default, to
 * demonstrate how a scatter/gather root copes with slow and failing leaves.
 */
package dev.ddspatterns.search.leaf.faults;
