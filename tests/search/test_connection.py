"""The Elasticsearch connection settings reach the client: several nodes with failover, an API
key or basic auth, and TLS verified against the configured CA (on by default).

The server here is a small HTTP(S) server on loopback that answers `GET /` like a cluster
does and records the headers it received: it tests what our settings make the real client
send, not Elasticsearch itself (tests/stack/ runs a real cluster behind TLS + basic auth).
"""

import base64
import datetime as dt
import http.server
import ipaddress
import json
import socket
import ssl
import threading

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.core.exceptions import ImproperlyConfigured
from elastic_transport import TlsError

from search.backends import elastic

ROOT = {
    "name": "fake",
    "cluster_name": "fake",
    "version": {"number": "8.19.21", "build_flavor": "default"},
    "tagline": "You Know, for Search",
}


class ClusterLike(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.seen.append({k.lower(): v for k, v in self.headers.items()})
        body = json.dumps(ROOT).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-elastic-product", "Elasticsearch")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def serve(tls_context=None):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ClusterLike)
    server.seen = []
    if tls_context is not None:
        server.socket = tls_context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def plain_server():
    server = serve()
    yield server
    server.shutdown()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def certificate_pair(tmp_path):
    """A CA and a server certificate for 127.0.0.1 signed by it (PEM files)."""
    now = dt.datetime.now(dt.UTC)

    def name(text):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(name("test CA"))
        .issuer_name(name("test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name("127.0.0.1"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_file, cert_file, key_file = tmp_path / "ca.pem", tmp_path / "cert.pem", tmp_path / "key.pem"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return ca_file, cert_file, key_file


def test_an_unreachable_node_is_skipped_for_the_next(plain_server, settings):
    dead = f"http://127.0.0.1:{free_port()}"
    live = f"http://127.0.0.1:{plain_server.server_port}"
    settings.ELASTICSEARCH_URL = f"{dead}, {live}"
    elastic._client.cache_clear()  # no client of an earlier test, whatever its nodes
    client = elastic.client()
    # Both nodes, in whatever order the pool shuffled them into (elastic-transport randomises).
    nodes = sorted(node.base_url for node in client.transport.node_pool.all())
    assert nodes == sorted([dead, live])
    for _ in range(3):  # whichever node the pool picks first, every request succeeds
        assert client.info()["version"]["number"] == "8.19.21"
    # One node alone: nothing to fail over to, the error reaches the search service.
    with pytest.raises(elastic.ERRORS):
        elastic.client(dead).info()


def test_api_key_is_sent(plain_server, settings):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{plain_server.server_port}"
    settings.ELASTICSEARCH_API_KEY = "key-id:key-secret"
    elastic.client().info()
    expected = base64.b64encode(b"key-id:key-secret").decode()
    assert plain_server.seen[-1]["authorization"] == f"ApiKey {expected}"
    # The encoded form Elasticsearch also prints is sent as it is.
    settings.ELASTICSEARCH_API_KEY = expected
    elastic.client().info()
    assert plain_server.seen[-1]["authorization"] == f"ApiKey {expected}"


def test_basic_auth_is_sent(plain_server, settings):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{plain_server.server_port}"
    settings.ELASTICSEARCH_USERNAME = "portal"
    settings.ELASTICSEARCH_PASSWORD = "s3cret:with-colon"
    elastic.client().info()
    expected = base64.b64encode(b"portal:s3cret:with-colon").decode()
    assert plain_server.seen[-1]["authorization"] == f"Basic {expected}"


def test_no_credentials_no_header(plain_server, settings):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{plain_server.server_port}"
    elastic.client().info()
    assert "authorization" not in plain_server.seen[-1]


def test_both_kinds_of_credentials_are_refused(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_API_KEY = "id:key"
    settings.ELASTICSEARCH_USERNAME = "portal"
    settings.ELASTICSEARCH_PASSWORD = "pw"
    with pytest.raises(ImproperlyConfigured, match="二选一"):
        elastic.client()
    settings.ELASTICSEARCH_API_KEY = ""
    settings.ELASTICSEARCH_PASSWORD = ""
    with pytest.raises(ImproperlyConfigured, match="同时设置"):
        elastic.client()


def test_tls_is_verified_against_the_configured_ca(tmp_path, settings):
    ca_file, cert_file, key_file = certificate_pair(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server = serve(context)
    try:
        settings.ELASTICSEARCH_URL = f"https://127.0.0.1:{server.server_port}"
        settings.ELASTICSEARCH_USERNAME = "portal"
        settings.ELASTICSEARCH_PASSWORD = "pw"
        # Without our CA the certificate is not trusted: verification is on by default.
        settings.ELASTICSEARCH_CA_CERTS = ""
        with pytest.raises(TlsError):
            elastic.client().info()
        settings.ELASTICSEARCH_CA_CERTS = str(ca_file)
        assert elastic.client().info()["tagline"] == "You Know, for Search"
        assert server.seen[-1]["authorization"].startswith("Basic ")
    finally:
        server.shutdown()


@pytest.mark.django_db
def test_readyz_reads_the_real_cluster_health(client, es_settings):
    health = elastic.cluster_health()
    assert health["status"] in ("green", "yellow") and health["number_of_nodes"] >= 1
    body = json.loads(client.get("/readyz").content)
    search = body["checks"]["search"]
    assert search["status"] in ("ok", "warning")
    assert search["data"]["cluster_status"] == health["status"]
    assert search["data"]["number_of_nodes"] == health["number_of_nodes"]
    assert es_settings.ELASTICSEARCH_URL not in client.get("/readyz").content.decode()
