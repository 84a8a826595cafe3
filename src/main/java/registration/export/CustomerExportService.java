package registration.export;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import registration.auth.AuthIdentities;
import registration.auth.CustomerActor;
import registration.auth.Provider;
import registration.customer.CustomerService;
import registration.customer.CustomerView;
import registration.deletion.DeletionRequests;

/** Gathers the caller's data from the features that keep it, in one read-only transaction (one consistent view). */
@Service
class CustomerExportService {

    private final CustomerService customers;
    private final AuthIdentities identities;
    private final DeletionRequests deletionRequests;
    private final Clock clock;

    CustomerExportService(CustomerService customers, AuthIdentities identities, DeletionRequests deletionRequests,
                          Clock clock) {
        this.customers = customers;
        this.identities = identities;
        this.deletionRequests = deletionRequests;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public CustomerExport export(CustomerActor actor) {
        CustomerView customer = customers.view(actor); // with its addresses
        List<CustomerExport.Login> logins = new ArrayList<>();
        for (Provider provider : Provider.values()) {
            identities.findEntityId(actor.authIdentityId(), provider)
                    .ifPresent(identifier -> logins.add(new CustomerExport.Login(provider.id(), identifier)));
        }
        return new CustomerExport(clock.instant(), customer, logins, deletionRequests.listOf(customer.id()));
    }
}
