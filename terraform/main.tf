# session-filter demo on Cloud Run: the app's sessions live in Memorystore for Redis (TLS +
# AUTH, in a private VPC), its settings come from Secret Manager, and Cloud Run runs it
# without session affinity. See README.md for the order of the first apply.

locals {
  # Where Cloud Run mounts the Memorystore server CA (a secret volume owns its whole folder).
  redis_ca_dir  = "/etc/session-filter/redis-ca"
  redis_ca_file = "ca.pem"

  # The container port Cloud Run sends requests to; it also sets $PORT to this value, which
  # the image's entrypoint passes to Tomcat.
  container_port = 8080

  # Memorystore for Redis with AUTH + in-transit encryption: TLS ("rediss") on the instance's
  # port (6378 with TLS) and the AUTH string as the password. The filter takes one URI, so
  # the AUTH string has to be in it; that is why the whole URI is a secret. Memorystore AUTH
  # strings are UUID-like (letters, digits, '-'), safe in a URI without encoding.
  redis_uri = "rediss://:${google_redis_instance.sessions.auth_string}@${google_redis_instance.sessions.host}:${google_redis_instance.sessions.port}"

  # All current server CAs (more than one during a CA rotation), as one PEM file.
  redis_ca_pem = join("\n", [for c in google_redis_instance.sessions.server_ca_certs : c.cert])

  # Whether Terraform writes the JWT key set. nonsensitive(): only "given or not" is
  # revealed, and count refuses values derived from a sensitive variable.
  manage_jwt_keys = nonsensitive(var.jwt_keys != null)

  # The JWT key set's version: pinned when Terraform wrote it (a new version rolls out a new
  # revision), "latest" when it is managed outside Terraform (read at instance start).
  jwt_keys_version = local.manage_jwt_keys ? google_secret_manager_secret_version.jwt_keys[0].version : "latest"

  # Plain (non-secret) environment; the session-filter settings win over var.env.
  plain_env = merge(var.env, {
    SESSION_COOKIE_SECURE    = var.cookie_secure
    SESSION_SESSION_TIMEOUT  = var.session_timeout
    SESSION_REDIS_CA_FILE    = "${local.redis_ca_dir}/${local.redis_ca_file}"
    SESSION_REDIS_TLS_VERIFY = var.redis_tls_verify
    SESSION_HEALTH_PATH      = var.health_path
  })
}

# --- APIs ---------------------------------------------------------------------------------------

resource "google_project_service" "apis" {
  for_each = toset([
    "artifactregistry.googleapis.com",
    "compute.googleapis.com",
    "iam.googleapis.com",
    "redis.googleapis.com",
    "run.googleapis.com",
    "secretmanager.googleapis.com",
  ])
  service = each.value
  # Other things in the project may use these APIs too; destroying this config must not
  # switch them off.
  disable_on_destroy = false
}

# --- Image repository ---------------------------------------------------------------------------

resource "google_artifact_registry_repository" "images" {
  location      = var.region
  repository_id = var.artifact_repository_id
  format        = "DOCKER"
  description   = "Container images of ${var.name} (built from docker/Dockerfile)."

  depends_on = [google_project_service.apis]
}

# --- Network: Cloud Run reaches Memorystore through this VPC ------------------------------------

resource "google_compute_network" "vpc" {
  name                    = var.name
  auto_create_subnetworks = false

  depends_on = [google_project_service.apis]
}

# Direct VPC egress: Cloud Run instances take addresses from this subnet (no connector VMs).
resource "google_compute_subnetwork" "run" {
  name                     = "${var.name}-run"
  region                   = var.region
  network                  = google_compute_network.vpc.id
  ip_cidr_range            = var.run_subnet_cidr
  private_ip_google_access = true
}

# --- Memorystore for Redis ----------------------------------------------------------------------

resource "google_redis_instance" "sessions" {
  name           = "${var.name}-sessions"
  display_name   = "Sessions of ${var.name}"
  region         = var.region
  tier           = var.redis_tier
  memory_size_gb = var.redis_memory_size_gb
  redis_version  = var.redis_version
  redis_configs  = var.redis_configs

  # Reachable only from inside the VPC, through a peering Memorystore sets up itself.
  authorized_network = google_compute_network.vpc.id
  connect_mode       = "DIRECT_PEERING"

  # Clients must present the AUTH string, and traffic is TLS with a server certificate signed
  # by the instance's own CA (exported in server_ca_certs, mounted into the container below
  # and named by SESSION_REDIS_CA_FILE).
  auth_enabled            = true
  transit_encryption_mode = "SERVER_AUTHENTICATION"

  depends_on = [google_project_service.apis]
}

# --- Secrets ------------------------------------------------------------------------------------

resource "google_secret_manager_secret" "jwt_keys" {
  secret_id = "${var.name}-jwt-keys"
  replication {
    auto {}
  }
  depends_on = [google_project_service.apis]
}

# Only when the key set is given as a variable. write-only: Secret Manager gets the value,
# the Terraform state does not. Bump var.jwt_keys_version to send a changed value.
resource "google_secret_manager_secret_version" "jwt_keys" {
  count                  = local.manage_jwt_keys ? 1 : 0
  secret                 = google_secret_manager_secret.jwt_keys.id
  secret_data_wo         = var.jwt_keys
  secret_data_wo_version = var.jwt_keys_version

  # The new version exists, and the service points at it, before the old one is deleted.
  lifecycle {
    create_before_destroy = true
  }
}

resource "google_secret_manager_secret" "redis_uri" {
  secret_id = "${var.name}-redis-uri"
  replication {
    auto {}
  }
  depends_on = [google_project_service.apis]
}

# Composed here because the AUTH string is only known once the instance exists. It is in the
# state anyway (google_redis_instance exports auth_string), so a write-only value would hide
# nothing; keep the state bucket locked down.
resource "google_secret_manager_secret_version" "redis_uri" {
  secret      = google_secret_manager_secret.redis_uri.id
  secret_data = local.redis_uri

  lifecycle {
    create_before_destroy = true
  }
}

# The server CA is public, not secret; Secret Manager is simply how Cloud Run mounts a file.
resource "google_secret_manager_secret" "redis_ca" {
  secret_id = "${var.name}-redis-ca"
  replication {
    auto {}
  }
  depends_on = [google_project_service.apis]
}

resource "google_secret_manager_secret_version" "redis_ca" {
  secret      = google_secret_manager_secret.redis_ca.id
  secret_data = local.redis_ca_pem

  lifecycle {
    create_before_destroy = true
  }
}

# --- Runtime identity: may read these three secrets, nothing else -------------------------------

resource "google_service_account" "run" {
  account_id   = "${var.name}-run"
  display_name = "Cloud Run service ${var.name}"
  description  = "Runs ${var.name}; can only read its own secrets."

  depends_on = [google_project_service.apis]
}

resource "google_secret_manager_secret_iam_member" "run" {
  for_each = {
    jwt_keys  = google_secret_manager_secret.jwt_keys.id
    redis_uri = google_secret_manager_secret.redis_uri.id
    redis_ca  = google_secret_manager_secret.redis_ca.id
  }
  secret_id = each.value
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.run.email}"
}

# --- Cloud Run ----------------------------------------------------------------------------------

resource "google_cloud_run_v2_service" "app" {
  name                = var.name
  location            = var.region
  ingress             = "INGRESS_TRAFFIC_ALL"
  deletion_protection = var.deletion_protection

  template {
    service_account = google_service_account.run.email

    # OFF on purpose: any instance must serve any request. Affinity would only be best
    # effort anyway, and it would hide state that was left in an instance.
    session_affinity = false

    max_instance_request_concurrency = var.max_concurrency

    scaling {
      min_instance_count = var.min_instances
      max_instance_count = var.max_instances
    }

    # Direct VPC egress. PRIVATE_RANGES_ONLY: Memorystore's private address goes through the
    # VPC, everything else (public APIs, the internet) the usual way.
    vpc_access {
      network_interfaces {
        # Names, as in the provider's own example (the API stores names).
        network    = google_compute_network.vpc.name
        subnetwork = google_compute_subnetwork.run.name
      }
      egress = "PRIVATE_RANGES_ONLY"
    }

    volumes {
      name = "redis-ca"
      secret {
        secret = google_secret_manager_secret.redis_ca.secret_id
        items {
          version = google_secret_manager_secret_version.redis_ca.version
          path    = local.redis_ca_file
        }
      }
    }

    containers {
      image = var.image

      ports {
        container_port = local.container_port
      }

      resources {
        limits = {
          cpu    = var.cpu
          memory = var.memory
        }
        # CPU only while requests run. session-filter writes to Redis before the response is
        # sent, never after, so throttling between requests loses nothing.
        cpu_idle          = true
        startup_cpu_boost = true
      }

      # Secrets as environment variables, pinned to a version: a new version means a new
      # revision, so instances never disagree about which version they read.
      env {
        name = "SESSION_REDIS_URI"
        value_source {
          secret_key_ref {
            secret  = google_secret_manager_secret.redis_uri.secret_id
            version = google_secret_manager_secret_version.redis_uri.version
          }
        }
      }

      env {
        name = "SESSION_JWT_KEYS"
        value_source {
          secret_key_ref {
            secret  = google_secret_manager_secret.jwt_keys.secret_id
            version = local.jwt_keys_version
          }
        }
      }

      dynamic "env" {
        for_each = local.plain_env
        content {
          name  = env.key
          value = env.value
        }
      }

      volume_mounts {
        name       = "redis-ca"
        mount_path = local.redis_ca_dir
      }

      # A new revision takes traffic only once this passes. session-filter answers the health
      # path itself (SESSION_HEALTH_PATH): 200 once the app started and Memorystore answers a
      # PING within redis.timeout, 503 otherwise (a wrong URI, AUTH string or CA keeps the old
      # revision serving). An open port would prove less: Tomcat opens it even when the app
      # failed to start. The probe creates no session and never reaches the app.
      startup_probe {
        http_get {
          path = coalesce(var.startup_probe_path, var.health_path)
          port = local.container_port
        }
        period_seconds    = 5
        timeout_seconds   = 3
        failure_threshold = 24
      }

      # Liveness never asks Redis: an instance whose Redis is away is not broken (it answers
      # 503 quickly and recovers by itself), and restarting every instance during a
      # Memorystore failover would turn a short blip into an outage. Off unless a path is
      # given, and then it must be an app page that needs no session.
      dynamic "liveness_probe" {
        for_each = var.liveness_probe_path == null ? [] : [var.liveness_probe_path]
        content {
          http_get {
            path = liveness_probe.value
            port = local.container_port
          }
          period_seconds    = 30
          timeout_seconds   = 5
          failure_threshold = 3
        }
      }
    }
  }

  # The runtime identity must be able to read the secrets before a revision can start.
  depends_on = [google_secret_manager_secret_iam_member.run]
}

resource "google_cloud_run_v2_service_iam_member" "public" {
  count    = var.allow_unauthenticated ? 1 : 0
  location = google_cloud_run_v2_service.app.location
  name     = google_cloud_run_v2_service.app.name
  role     = "roles/run.invoker"
  member   = "allUsers"
}
