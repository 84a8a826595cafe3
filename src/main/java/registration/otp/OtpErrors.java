package registration.otp;

import registration.web.ApiException;
import registration.web.ErrorType;

/** The answers of every route that takes {@code {token, code}} (SPEC 8a "OTP verify"). */
public final class OtpErrors {

    private OtpErrors() {
    }

    public static ApiException invalid() {
        return new ApiException(ErrorType.INVALID_DATA, "The code has expired or is no longer valid. Request a new one.", "otp_invalid");
    }

    static ApiException wrongCode() {
        return new ApiException(ErrorType.INVALID_DATA, "The code is incorrect", "otp_wrong_code");
    }
}
