package sparkdgd.data;

/**
 * What an object store's refusal means, added to the error that quotes it: S3's SDK says "Forbidden (Service: S3,
 * Status Code: 403 ...)" or "NoSuchBucketException: The specified bucket does not exist", and a user review of S3 was
 * left to work out from that which setting to fix.
 */
public final class StoreRefusal {
  private StoreRefusal() {}

  /**
   * The clause that says what to check for {@code e}'s refusal by S3 ("; ..."), or "" for any other failure (a
   * local directory's permissions, also an AccessDeniedException, are not credentials).
   */
  public static String hint(Throwable e) {
    StringBuilder text = new StringBuilder();
    boolean denied = false;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      text.append(t.getClass().getName()).append(' ').append(t.getMessage()).append('\n');
      denied |= t instanceof java.nio.file.AccessDeniedException;
    }
    String all = text.toString();
    if (all.contains("NoSuchBucket")) {
      return "; the bucket does not exist: check its name in the path (and fs.s3a.endpoint, the store it is on)";
    }
    boolean s3 = all.contains("s3a://") || all.contains("software.amazon.awssdk"); // not a local disk's permissions
    if (s3 && (denied || all.contains("Status Code: 403") || all.contains("InvalidAccessKeyId")
        || all.contains("SignatureDoesNotMatch"))) {
      return "; the store refused the request (403): check the credentials (fs.s3a.access.key and "
          + "fs.s3a.secret.key, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) and that the bucket's policy "
          + "allows this";
    }
    return "";
  }
}
