package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import org.junit.jupiter.api.Test;

/** S3's refusals get a hint (S3aInputTest has them from a real endpoint); a local directory's permissions do not. */
class StoreRefusalTest {
  @Test
  void onlyS3sRefusalsAreToldToCheckCredentials() {
    assertEquals("", StoreRefusal.hint(new AccessDeniedException("/data/train: Permission denied")));
    assertEquals("", StoreRefusal.hint(new IOException("disk full")));
    assertTrue(StoreRefusal.hint(new AccessDeniedException("s3a://demo/data: getFileStatus on s3a://demo/data: "
        + "S3Exception: Forbidden (Service: S3, Status Code: 403)")).startsWith("; the store refused the request "
        + "(403): check the credentials"));
    assertTrue(StoreRefusal.hint(new IOException("getFileStatus on s3a://nosuch/d",
        new IOException("NoSuchBucketException: The specified bucket does not exist"))).startsWith("; the bucket "
        + "does not exist"));
  }
}
