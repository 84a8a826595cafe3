package registration.admin;

import org.springframework.stereotype.Component;

import registration.audit.BlockedCustomers;
import registration.auth.AuthIdentities;

/** The number of blocked customers, read from the database for the audit feature's gauge. */
@Component
class BlockedCustomerCount implements BlockedCustomers {

    private final AuthIdentities identities;

    BlockedCustomerCount(AuthIdentities identities) {
        this.identities = identities;
    }

    @Override
    public long count() {
        return identities.countBlockedCustomers();
    }
}
