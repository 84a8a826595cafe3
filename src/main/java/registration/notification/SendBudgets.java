package registration.notification;

import org.springframework.stereotype.Component;

/**
 * Budgets on messages that cost money or annoy people (SPEC §10 "Send budgets"): per destination, per SMS
 * country per hour and global SMS per hour. A flow that is about to send a code asks first; past a budget
 * nothing is sent.
 */
@Component
public class SendBudgets {

    /**
     * Whether a message carrying a code may go to {@code recipient} over {@code channel} now; when it may, the
     * send is counted against every budget it falls under.
     */
    public boolean tryReserveCode(Channel channel, String recipient) {
        return true; // the budgets themselves land with issue 16's delivery work
    }
}
