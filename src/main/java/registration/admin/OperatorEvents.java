package registration.admin;

import java.util.Map;

import registration.audit.AuditedEvent;

/**
 * The past-tense events of the operator API (issue 20), published inside each action's transaction for the audit
 * trail. Details hold masked identifiers only.
 */
final class OperatorEvents {

    private OperatorEvents() {
    }

    record CustomerBlocked(String customerId, String adminId) implements AuditedEvent {
        public String type() {
            return "admin.customer_blocked";
        }
    }

    record CustomerUnblocked(String customerId, String adminId) implements AuditedEvent {
        public String type() {
            return "admin.customer_unblocked";
        }
    }

    /** {@code details}: how many login locks and OTP locks were in force. */
    record CustomerUnlocked(String customerId, String adminId, Map<String, String> details) implements AuditedEvent {
        public String type() {
            return "admin.customer_unlocked";
        }
    }

    record CustomerSessionsRevoked(String customerId, String adminId) implements AuditedEvent {
        public String type() {
            return "admin.customer_sessions_revoked";
        }
    }

    record CustomerDeletionCancelled(String customerId, String adminId, Map<String, String> details) implements AuditedEvent {
        public String type() {
            return "admin.customer_deletion_cancelled";
        }
    }

    record CustomerErased(String customerId, String adminId, Map<String, String> details) implements AuditedEvent {
        public String type() {
            return "admin.customer_erased";
        }
    }

    /** {@code details}: the verification type and the masked destination. */
    record CustomerVerificationResent(String customerId, String adminId, Map<String, String> details) implements AuditedEvent {
        public String type() {
            return "admin.customer_verification_resent";
        }
    }

    /** {@code details}: the new admin's id and masked email. */
    record AdminUserCreated(String adminId, Map<String, String> details) implements AuditedEvent {
        public String type() {
            return "admin.user_created";
        }

        public String customerId() {
            return null;
        }
    }

    /** {@code details}: the disabled (or enabled again) admin's id. */
    record AdminUserDisabled(String adminId, Map<String, String> details) implements AuditedEvent {
        public String type() {
            return "admin.user_disabled";
        }

        public String customerId() {
            return null;
        }
    }

    record AdminUserEnabled(String adminId, Map<String, String> details) implements AuditedEvent {
        public String type() {
            return "admin.user_enabled";
        }

        public String customerId() {
            return null;
        }
    }

    /** An admin changed their own password ({@code POST /admin/users/me/password}), or it was reset by the CLI (adminId null). */
    record AdminPasswordChanged(String adminId, Map<String, String> details) implements AuditedEvent {
        public String type() {
            return "admin.user_password_changed";
        }

        public String customerId() {
            return null;
        }
    }
}
