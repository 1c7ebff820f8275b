"""SM4-GCM (国密 SM4 block cipher in Galois/Counter Mode) for personal data at rest.

Keys are configured as ``APPLICATIONS_ENCRYPTION_KEYS``: a list of ``"key_id:hex"`` items, each
key 16 bytes (32 hex digits), the current key first. Every ciphertext names the key that made
it, so older keys keep decrypting until ``manage.py rotate_application_keys`` has re-encrypted
everything under the current key; then the old key can be removed from the environment.

Stored text form of one value::

    sm4gcm$<key_id>$<base64url(12-byte nonce + ciphertext + 16-byte tag)>

The associated data binds a ciphertext to its row: table, column and primary key
(``row_context``, e.g. "applications_application.phone.17"), so a value copied into another
column or another row does not decrypt.
"""

from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from . import conf

PREFIX = "sm4gcm"
NONCE_BYTES = 12
TAG_BYTES = 16
KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


class KeyConfigurationError(ValueError):
    """The configured keys are missing or malformed."""


class DecryptionError(ValueError):
    """A stored value cannot be decrypted with the configured keys."""


@dataclass(frozen=True)
class KeyRing:
    current_id: str
    keys: dict[str, bytes]

    @classmethod
    def parse(cls, items: list[str]) -> KeyRing:
        if not items:
            raise KeyConfigurationError(
                "未配置个人信息加密密钥（APPLICATIONS_ENCRYPTION_KEYS），格式为“密钥编号:32位十六进制”"
            )
        keys = {}
        for item in items:
            key_id, _, hex_key = item.strip().partition(":")
            if not KEY_ID.match(key_id):
                raise KeyConfigurationError(f"密钥编号“{key_id}”无效：只能使用字母、数字、-和_")
            try:
                key = bytes.fromhex(hex_key)
            except ValueError:
                raise KeyConfigurationError(f"密钥“{key_id}”不是十六进制") from None
            if len(key) != 16:
                raise KeyConfigurationError(
                    f"密钥“{key_id}”应为16字节（32位十六进制），SM4 密钥长度固定"
                )
            if key_id in keys:
                raise KeyConfigurationError(f"密钥编号“{key_id}”重复")
            keys[key_id] = key
        first_id = items[0].strip().partition(":")[0]
        return cls(current_id=first_id, keys=keys)


def row_context(table: str, column: str, pk) -> str:
    """The associated data of the value in ``table``.``column`` of the row with key ``pk``."""
    if pk is None:
        raise ValueError("行主键未知，无法绑定密文")
    return f"{table}.{column}.{pk}"


def key_ring() -> KeyRing:
    return KeyRing.parse(conf.encryption_keys())


def generate_key_item(key_id: str) -> str:
    """A new random key in the configuration format."""
    return f"{key_id}:{os.urandom(16).hex()}"


def encrypt(plaintext: str, context: str, ring: KeyRing | None = None) -> str:
    ring = ring or key_ring()
    nonce = os.urandom(NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(ring.keys[ring.current_id]), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(context.encode())
    body = encryptor.update(plaintext.encode()) + encryptor.finalize() + encryptor.tag
    token = base64.urlsafe_b64encode(nonce + body).decode()
    return f"{PREFIX}${ring.current_id}${token}"


def encrypt_bytes(data: bytes, context: str, ring: KeyRing | None = None) -> bytes:
    """Binary variant for files: the same token, as ASCII bytes."""
    ring = ring or key_ring()
    nonce = os.urandom(NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(ring.keys[ring.current_id]), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(context.encode())
    body = encryptor.update(data) + encryptor.finalize() + encryptor.tag
    return f"{PREFIX}${ring.current_id}$".encode() + base64.urlsafe_b64encode(nonce + body)


def key_id_of(token: str | bytes) -> str | None:
    """The key a stored value was encrypted with, or None if it is not one of ours."""
    if isinstance(token, bytes | memoryview):
        token = bytes(token)[:64].decode("ascii", "replace")
    parts = token.split("$", 2)
    if len(parts) != 3 or parts[0] != PREFIX:
        return None
    return parts[1]


def _decrypt_raw(token: str, context: str, ring: KeyRing) -> bytes:
    parts = token.split("$", 2)
    if len(parts) != 3 or parts[0] != PREFIX:
        raise DecryptionError("不是加密数据")
    key_id, blob = parts[1], base64.urlsafe_b64decode(parts[2])
    if key_id not in ring.keys:
        raise DecryptionError(f"缺少解密所需的密钥“{key_id}”，请检查 APPLICATIONS_ENCRYPTION_KEYS")
    if len(blob) < NONCE_BYTES + TAG_BYTES:
        raise DecryptionError("加密数据已损坏")
    nonce, body, tag = blob[:NONCE_BYTES], blob[NONCE_BYTES:-TAG_BYTES], blob[-TAG_BYTES:]
    decryptor = Cipher(algorithms.SM4(ring.keys[key_id]), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(context.encode())
    try:
        return decryptor.update(body) + decryptor.finalize()
    except InvalidTag:
        raise DecryptionError("加密数据校验失败（数据被篡改或存放位置不符）") from None


def decrypt(token: str, context: str, ring: KeyRing | None = None) -> str:
    return _decrypt_raw(token, context, ring or key_ring()).decode()


def decrypt_bytes(token: bytes, context: str, ring: KeyRing | None = None) -> bytes:
    return _decrypt_raw(bytes(token).decode("ascii"), context, ring or key_ring())


def keyed_digest(value: str, purpose: str, ring: KeyRing | None = None) -> str:
    """HMAC-SM3 of a value under a key derived from the current key: lets us find equal values
    (the same applicant filing again) without storing them in the clear. Changes when the
    current key changes; the rotation command recomputes stored digests."""
    ring = ring or key_ring()
    derive = hmac.HMAC(ring.keys[ring.current_id], hashes.SM3())
    derive.update(f"digest-key:{purpose}".encode())
    mac = hmac.HMAC(derive.finalize(), hashes.SM3())
    mac.update(value.encode())
    return mac.finalize().hex()
