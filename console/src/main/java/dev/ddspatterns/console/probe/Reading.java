package dev.ddspatterns.console.probe;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What one read of one service gave: a value, or why there is none (the service did not
 * answer in time, refused, or answered something else). A panel shows the reason where a
 * value would be.
 *
 * @param <T> the value's type
 * @param value the value, if the read succeeded
 * @param problem why there is no value, if it failed
 */
public record Reading<T>(@Nullable T value, @Nullable String problem) {

	public static <T> Reading<T> of(T value) {
		return new Reading<>(value, null);
	}

	public static <T> Reading<T> failed(String problem) {
		return new Reading<>(null, problem);
	}

	public boolean ok() {
		return this.value != null;
	}

	/**
	 * @param mapper what to make of the value
	 * @param <R> the new value's type
	 * @return the mapped reading; a failure stays the same failure
	 */
	public <R> Reading<R> map(Function<T, R> mapper) {
		return (this.value != null) ? Reading.of(mapper.apply(this.value)) : Reading.failed(this.problem);
	}

}
