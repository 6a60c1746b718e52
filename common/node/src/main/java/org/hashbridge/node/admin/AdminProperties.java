package org.hashbridge.node.admin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The operators of this node and how their sign-in and dashboard behave.
 *
 * @param operators      accounts copied into the database at start (a listed account gets the listed hash;
 *                       none is deleted): each a username and a {@code DelegatingPasswordEncoder} hash such as
 *                       {@code {bcrypt}$2a$...}, never a password
 * @param maxFailures    failed sign-ins in a row that lock an account
 * @param lockFor        how long a locked account refuses every sign-in, even with the right password
 * @param stuckAfter     a chain write still pending after this long is shown as an alert
 * @param pageSize       rows on one page of a dashboard list
 */
@Validated
@ConfigurationProperties("hashbridge.admin")
public record AdminProperties(@Valid List<Operator> operators, @Min(1) int maxFailures, Duration lockFor,
                              Duration stuckAfter, @Min(1) int pageSize) {

    public AdminProperties {
        operators = operators == null ? List.of() : List.copyOf(operators);
        maxFailures = maxFailures == 0 ? 5 : maxFailures;
        lockFor = lockFor == null ? Duration.ofMinutes(15) : lockFor;
        stuckAfter = stuckAfter == null ? Duration.ofMinutes(5) : stuckAfter;
        pageSize = pageSize == 0 ? 25 : pageSize;
    }

    /** One operator account as configuration gives it. */
    public record Operator(@NotBlank @Pattern(regexp = Username.PATTERN) String username,
                           @NotBlank @Pattern(regexp = "\\{[a-z0-9]+}.+") String passwordHash) {

        @Override
        public String toString() {
            return "Operator[" + username + "]";
        }
    }
}
