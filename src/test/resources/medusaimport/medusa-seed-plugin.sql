-- What the customer-registration seed plugin's Migration20250120000000AddCustomerVerificationColumns adds.
ALTER TABLE customer ADD COLUMN email_verified boolean NOT NULL DEFAULT false;
ALTER TABLE customer ADD COLUMN phone_verified boolean NOT NULL DEFAULT false;
