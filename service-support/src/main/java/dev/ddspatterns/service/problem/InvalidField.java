package dev.ddspatterns.service.problem;

/**
 * One reason an {@code invalid-request} problem was raised, listed in the problem's
 * {@code errors} member.
 *
 * @param field the request parameter or body property at fault, as the client named it
 * @param detail why it was rejected
 */
public record InvalidField(String field, String detail) {

}
