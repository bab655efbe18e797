package dev.wspair.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made at test time by the JDK's
 * {@code keytool}: a PKCS12 keystore with its key (for the server), the certificate as PEM (for
 * Node's {@code NODE_EXTRA_CA_CERTS}), and a client {@link SSLContext} that trusts it and nothing
 * else.
 */
public final class TestCertificate {

    private final Path keystore;
    private final Path pem;
    private final char[] password;

    private TestCertificate(Path keystore, Path pem, char[] password) {
        this.keystore = keystore;
        this.pem = pem;
        this.password = password;
    }

    /** Makes {@code name.p12} and {@code name.pem} in {@code directory} (created if needed), replacing older ones. */
    public static TestCertificate create(Path directory, String name) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path keystore = directory.resolve(name + ".p12");
        Path pem = directory.resolve(name + ".pem");
        Files.deleteIfExists(keystore);
        Files.deleteIfExists(pem);
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().encodeToString(random);
        keytool("-genkeypair", "-alias", "wspair-test", "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password);
        keytool("-exportcert", "-rfc", "-alias", "wspair-test", "-keystore", keystore.toString(),
                "-storepass", password, "-file", pem.toString());
        return new TestCertificate(keystore, pem, password.toCharArray());
    }

    /** The PKCS12 keystore with the key and the certificate. */
    public Path keystore() {
        return keystore;
    }

    /** The certificate alone, PEM-encoded. */
    public Path pem() {
        return pem;
    }

    /** A copy of the keystore's password. */
    public char[] password() {
        return password.clone();
    }

    /** A client TLS context that trusts this certificate only (read from the PEM file, as a user would). */
    public SSLContext trustingClientContext() throws IOException, GeneralSecurityException {
        Certificate certificate;
        try (InputStream in = Files.newInputStream(pem)) {
            certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("wspair-test", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            keytool.destroyForcibly();
            throw new IOException("keytool " + arguments[0] + " failed: " + output);
        }
    }
}
