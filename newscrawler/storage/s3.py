"""S3-compatible object storage through boto3 (AWS S3, MinIO, SeaweedFS, R2, ...).

Credentials come from boto3's standard chain; AWS_ENDPOINT_URL selects another S3 server.
Writes are conditional (If-None-Match: *), so a retried upload never creates a second object and
never replaces different content. Nothing here logs or reports credentials.
"""

from __future__ import annotations

import base64
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
from boto3.exceptions import S3UploadFailedError
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
    ParamValidationError,
    ReadTimeoutError,
)

from newscrawler.redact import redact
from newscrawler.storage.base import PutResult, Storage, StorageConflict, StorageError
from newscrawler.storage.uri import ArchiveURIError, parse_archive_uri

MULTIPART_THRESHOLD = 8 * 1024 * 1024
# Every call of the archive's client is bounded: a connection within CONNECT_TIMEOUT, no silence
# longer than READ_TIMEOUT while waiting for an answer, at most ATTEMPTS tries (botocore's
# standard retry mode, with backoff). Beyond that the call fails with a StorageError; the
# uploader then retries on its own, with its own backoff, for as long as the crawl runs.
CONNECT_TIMEOUT = 5
READ_TIMEOUT = 60
ATTEMPTS = 3
# `check` and `check_read` (before a crawl or an operator command) answer sooner: a wrong,
# refused or silent endpoint is one line within CHECK_ATTEMPTS * (CHECK_READ_TIMEOUT + backoff).
CHECK_CONNECT_TIMEOUT = 3
CHECK_READ_TIMEOUT = 5
CHECK_ATTEMPTS = 2
_AUTH_ERRORS = {"InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "403", "Forbidden"}
_MISSING_BUCKET = {"NoSuchBucket", "404", "NotFound"}


class S3Storage(Storage):
    def __init__(self, uri: str, *, client=None, page_size: int = 1000) -> None:
        parsed = parse_archive_uri(uri)
        if parsed.kind != "s3":
            raise ArchiveURIError(f"not an S3 URI: {redact(uri)!r} (expected s3://bucket/prefix)")
        self.uri = uri.rstrip("/")
        self.bucket = parsed.bucket
        self.prefix = parsed.prefix
        self.page_size = page_size
        self.client = client or _client(
            uri,
            Config(
                retries={"mode": "standard", "total_max_attempts": ATTEMPTS},
                connect_timeout=CONNECT_TIMEOUT,
                read_timeout=READ_TIMEOUT,
                max_pool_connections=16,
                # Integrity comes from our Content-MD5. botocore's default CRC checksums (since
                # 1.36) cost CPU on every put and some S3-compatible servers reject them.
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
                # Our calls' parameters are built here, not by users: botocore's check of each
                # call against the API model costs a sixth of a put's CPU (2.05 -> 1.71 ms).
                parameter_validation=False,
                # No SHA-256 of each body in the signature (botocore already leaves it out over
                # https when Content-MD5 is sent): the signed Content-MD5 covers the body, and
                # over http the client and the server hash every body once less (0.17 ms of
                # CPU per put between them against SeaweedFS).
                s3={"payload_signing_enabled": False},
            ),
        )
        self.endpoint = self.client.meta.endpoint_url
        self._quick = None
        # After botocore's own handler (more specific events' handlers run first: hence the
        # service-wide event, last).
        self.client.meta.events.register_last("before-call.s3", _no_continue_for_small_puts)

    def check(self, *, create: bool = False) -> None:
        try:
            self._probe(lambda quick: quick.head_bucket(Bucket=self.bucket))
        except _MissingBucket:
            if not create:
                raise StorageError(
                    f"bucket {self.bucket} does not exist at {self._shown_endpoint} "
                    "(set NEWSCRAWLER_CREATE_BUCKET=True to create it)"
                ) from None
            self._create_bucket()

    def check_read(self) -> None:
        root = f"{self.prefix}/" if self.prefix else ""
        try:
            self._probe(
                lambda quick: quick.list_objects_v2(Bucket=self.bucket, Prefix=root, MaxKeys=1)
            )
        except _MissingBucket:
            raise StorageError(
                f"no archive at {self.uri}: bucket {self.bucket} does not exist "
                f"at {self._shown_endpoint}"
            ) from None

    def _probe(self, call) -> None:
        """One call on a client with the same endpoint and credentials but short timeouts and
        one retry: StorageError (one line) when it fails, _MissingBucket for a missing bucket."""
        if self._quick is None:
            self._quick = _client(
                self.uri,
                Config(
                    retries={"mode": "standard", "total_max_attempts": CHECK_ATTEMPTS},
                    connect_timeout=CHECK_CONNECT_TIMEOUT,
                    read_timeout=CHECK_READ_TIMEOUT,
                ),
                endpoint_url=self.endpoint,
                region_name=self.client.meta.region_name,
            )
        where = f"bucket {self.bucket} at {self._shown_endpoint}"
        try:
            call(self._quick)
        except (EndpointConnectionError, ConnectTimeoutError):
            raise StorageError(f"cannot reach S3 endpoint {self._shown_endpoint}") from None
        except ReadTimeoutError:
            raise StorageError(
                f"S3 endpoint {self._shown_endpoint} did not answer within "
                f"{CHECK_READ_TIMEOUT} s ({CHECK_ATTEMPTS} tries)"
            ) from None
        except ClientError as exc:
            code = _code(exc)
            if code in _MISSING_BUCKET:
                raise _MissingBucket() from None
            if code in _AUTH_ERRORS:
                raise StorageError(f"S3 rejected the credentials for {where} ({code})") from None
            raise StorageError(f"S3 error on {where}: {code}") from None
        except BotoCoreError as exc:
            raise StorageError(f"S3 {where}: {_describe(exc)}") from None

    @property
    def _shown_endpoint(self) -> str:
        return redact(str(self.endpoint))

    def put(
        self,
        key: str,
        data: bytes,
        *,
        content_type: str,
        content_encoding: str | None = None,
        metadata: dict[str, str] | None = None,
    ) -> PutResult:
        full_key = self._key(key)
        extra = {"ContentType": content_type, "Metadata": metadata or {}}
        if content_encoding:
            extra["ContentEncoding"] = content_encoding
        try:
            if len(data) >= MULTIPART_THRESHOLD:
                return self._put_large(key, full_key, data, extra)
            self.client.put_object(
                Bucket=self.bucket,
                Key=full_key,
                Body=data,
                IfNoneMatch="*",
                ContentMD5=base64.b64encode(hashlib.md5(data).digest()).decode(),
                **extra,
            )
            return PutResult(key, created=True)
        except ClientError as exc:
            if _code(exc) in ("PreconditionFailed", "412", "ConditionalRequestConflict"):
                return self._same_or_conflict(key, full_key, data)
            raise self._failed("put", key, exc) from None
        except (BotoCoreError, S3UploadFailedError) as exc:
            raise self._failed("put", key, exc) from None

    def put_file(self, key: str, path: Path, *, content_type: str) -> PutResult:
        if path.stat().st_size < MULTIPART_THRESHOLD:
            return self.put(key, path.read_bytes(), content_type=content_type)
        if self.exists(key):  # no conditional multipart upload: checked first, as in put
            return self._same_or_conflict(key, self._key(key), path.read_bytes())
        config = TransferConfig(
            multipart_threshold=MULTIPART_THRESHOLD, multipart_chunksize=MULTIPART_THRESHOLD
        )
        try:
            self.client.upload_file(
                str(path),
                self.bucket,
                self._key(key),
                ExtraArgs={"ContentType": content_type},
                Config=config,
            )
        except (ClientError, BotoCoreError, S3UploadFailedError) as exc:
            raise self._failed("put", key, exc) from None
        return PutResult(key, created=True)

    def replace(self, key: str, data: bytes, *, content_type: str) -> None:
        try:
            self.client.put_object(
                Bucket=self.bucket, Key=self._key(key), Body=data, ContentType=content_type
            )
        except (ClientError, BotoCoreError) as exc:
            raise self._failed("put", key, exc) from None

    def get(self, key: str) -> bytes:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self._key(key))["Body"].read()
        except ClientError as exc:
            if _code(exc) in ("NoSuchKey", "404"):
                raise KeyError(key) from None
            raise self._failed("get", key, exc) from None
        except BotoCoreError as exc:
            raise self._failed("get", key, exc) from None

    def get_range(self, key: str, offset: int, length: int) -> bytes:
        try:
            answer = self.client.get_object(
                Bucket=self.bucket,
                Key=self._key(key),
                Range=f"bytes={offset}-{offset + length - 1}",
            )
            return answer["Body"].read()
        except ClientError as exc:
            if _code(exc) in ("NoSuchKey", "404"):
                raise KeyError(key) from None
            raise self._failed("get", key, exc) from None
        except BotoCoreError as exc:
            raise self._failed("get", key, exc) from None

    def exists(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self._key(key))
            return True
        except ClientError as exc:
            if _code(exc) in ("NoSuchKey", "404", "NotFound"):
                return False
            raise self._failed("head", key, exc) from None
        except BotoCoreError as exc:
            raise self._failed("head", key, exc) from None

    def list(self, prefix: str = "") -> Iterator[str]:
        root = f"{self.prefix}/" if self.prefix else ""
        paginator = self.client.get_paginator("list_objects_v2")
        pages = paginator.paginate(
            Bucket=self.bucket,
            Prefix=root + prefix,
            PaginationConfig={"PageSize": self.page_size},
        )
        try:
            for page in pages:
                for obj in page.get("Contents", []):
                    yield obj["Key"][len(root) :]
        except (ClientError, BotoCoreError) as exc:
            raise self._failed("list", prefix, exc) from None

    def location(self, key: str = "") -> str:
        return f"s3://{self.bucket}/{self._key(key)}" if key else self.uri

    def _key(self, key: str) -> str:
        return f"{self.prefix}/{key}" if self.prefix else key

    def _failed(self, operation: str, key: str, exc: Exception) -> StorageError:
        """One line for a failed call: the operation, the object, the S3 error code or what
        went wrong (never a traceback, never a credential)."""
        where = self.location(key) if key else f"{self.uri}/"
        if isinstance(exc, EndpointConnectionError | ConnectTimeoutError):
            why = f"cannot reach S3 endpoint {self._shown_endpoint}"
        elif isinstance(exc, ReadTimeoutError):
            why = f"no answer from {self._shown_endpoint} within {READ_TIMEOUT} s"
        else:
            why = _describe(exc)
        return StorageError(f"S3 {operation} {where} failed: {why}")

    def _create_bucket(self) -> None:
        try:
            self.client.create_bucket(Bucket=self.bucket)
        except ClientError as exc:
            if _code(exc) not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                raise StorageError(f"cannot create bucket {self.bucket}: {_code(exc)}") from None
        except BotoCoreError as exc:
            raise StorageError(f"cannot create bucket {self.bucket}: {_describe(exc)}") from None

    def _put_large(self, key: str, full_key: str, data: bytes, extra: dict) -> PutResult:
        """Multipart upload for large objects; existence is checked first (no conditional MPU)."""
        if self.exists(key):
            return self._same_or_conflict(key, full_key, data)
        config = TransferConfig(
            multipart_threshold=MULTIPART_THRESHOLD, multipart_chunksize=MULTIPART_THRESHOLD
        )
        self.client.upload_fileobj(
            io.BytesIO(data), self.bucket, full_key, ExtraArgs=extra, Config=config
        )
        return PutResult(key, created=True)

    def _same_or_conflict(self, key: str, full_key: str, data: bytes) -> PutResult:
        try:
            existing = self.client.get_object(Bucket=self.bucket, Key=full_key)["Body"].read()
        except (ClientError, BotoCoreError) as exc:
            raise self._failed("get", key, exc) from None
        if existing == data:
            return PutResult(key, created=False)
        raise StorageConflict(
            f"{self.location(key)} already holds different content; not overwritten"
        )


def _no_continue_for_small_puts(model: Any, params: dict[str, Any], **kwargs: Any) -> None:
    """A botocore `before-call` handler: PutObject sent without `Expect: 100-continue`.

    botocore asks for it on every file-like body (a bytes Body becomes one), then waits for the
    server's interim `100 Continue`, read byte by byte: a round trip and some thirty `recv`
    calls per put. It spares sending a body the server would refuse; our PutObject bodies are
    records and files under MULTIPART_THRESHOLD (larger ones go multipart), so a refused one
    (a conditional put that finds the key taken) costs a few KB, not a round trip every time."""
    if model.name == "PutObject":
        params.get("headers", {}).pop("Expect", None)


class _MissingBucket(Exception):
    """The probe's bucket does not exist (what that means depends on the check)."""


def _client(uri: str, config: Config, **options: Any):
    """An S3 client from boto3's standard chain; StorageError (one line) when the environment
    cannot make one (an invalid AWS_ENDPOINT_URL or region, a broken ~/.aws/config)."""
    try:
        session = boto3.session.Session()
        options.setdefault("region_name", session.region_name or "us-east-1")
        return session.client("s3", config=config, **options)
    except (BotoCoreError, ValueError) as exc:
        raise StorageError(f"no S3 client for {uri}: {_describe(exc)}") from None


def _describe(exc: BaseException) -> str:
    """What went wrong, in a few words on one line."""
    if isinstance(exc, ClientError):
        return _code(exc)
    if isinstance(exc, ParamValidationError):
        report = str(exc.kwargs.get("report", "")).strip().splitlines()
        return f"invalid request ({report[0].split(': ')[0] if report else 'parameters'})"
    if isinstance(exc, S3UploadFailedError) and exc.__context__ is not None:
        return _describe(exc.__context__)
    lines = str(exc).strip().splitlines()
    text = lines[0] if lines else ""
    return redact(f"{type(exc).__name__}: {text}" if text else type(exc).__name__)


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", "unknown"))
