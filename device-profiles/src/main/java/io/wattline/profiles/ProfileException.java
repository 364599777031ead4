package io.wattline.profiles;

import java.util.List;
import java.util.stream.Collectors;

/** A profile (or its frames file) that cannot be used; lists every problem found, not just the first. */
public class ProfileException extends RuntimeException {

    private final transient List<ProfileProblem> problems;

    public ProfileException(List<ProfileProblem> problems) {
        super(problems.size() + " problem(s):\n  "
                + problems.stream().map(ProfileProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public ProfileException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
    }

    public List<ProfileProblem> problems() {
        return problems;
    }
}
