package io.wattline.profiles;

import io.wattline.profiles.yaml.ValidationError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A profile (or its frames file) that cannot be used; lists every problem found, each with file,
 * line, column and field, not just the first.
 */
public class ProfileException extends RuntimeException {

    private final transient List<ValidationError> problems;

    public ProfileException(List<ValidationError> problems) {
        super(problems.size() + " problem(s):\n  "
                + problems.stream().map(ValidationError::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<ValidationError> problems() {
        return problems;
    }
}
