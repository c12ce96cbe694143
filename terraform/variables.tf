variable "project_id" {
  description = "Google Cloud project that holds everything."
  type        = string
}

variable "region" {
  description = "Region for Cloud Run, Memorystore, the subnet and Artifact Registry."
  type        = string
  default     = "europe-west1"
}

variable "name" {
  description = "Name of the Cloud Run service, and prefix of every other resource's name."
  type        = string
  default     = "session-demo"

  validation {
    # The longest derived name is "<name>-run@" for the service account (6-30 characters).
    condition     = can(regex("^[a-z][a-z0-9-]{1,21}[a-z0-9]$", var.name))
    error_message = "name: 3-23 characters, lower-case letters, digits and '-', starting with a letter."
  }
}

variable "image" {
  description = "Container image to run, built from docker/Dockerfile, e.g. europe-west1-docker.pkg.dev/PROJECT/session-filter/demo:abc123. Push it to the repository in output image_repository first."
  type        = string
}

# --- Cloud Run --------------------------------------------------------------------------------

variable "min_instances" {
  description = "Instances kept warm. 0 scales to zero (cold starts of a Tomcat are seconds)."
  type        = number
  default     = 0
}

variable "max_instances" {
  description = "Upper bound on instances. Each holds a few Redis connections; the subnet needs about two addresses per instance."
  type        = number
  default     = 10

  validation {
    condition     = var.max_instances >= 1
    error_message = "max_instances must be at least 1."
  }
}

variable "max_concurrency" {
  description = "Requests one instance serves at once (Cloud Run's default is 80)."
  type        = number
  default     = 80
}

variable "cpu" {
  description = "CPU limit of the container."
  type        = string
  default     = "1"
}

variable "memory" {
  description = "Memory limit of the container. The image gives the JVM heap 75% of it."
  type        = string
  default     = "1Gi"
}

variable "allow_unauthenticated" {
  description = "Let anyone on the internet call the service (roles/run.invoker for allUsers). An organization policy may forbid it."
  type        = bool
  default     = false
}

variable "health_path" {
  description = "SESSION_HEALTH_PATH: the path session-filter answers itself, 200 when Memorystore answers a PING, else 503. The startup probe asks it. Public like every path of the service; it tells nothing but up or down. Not ending in z: Cloud Run reserves such paths (e.g. /healthz)."
  type        = string
  default     = "/session-filter/health"
  validation {
    condition     = can(regex("^/[A-Za-z0-9._~/-]*[A-Za-y0-9._~-]$", var.health_path))
    error_message = "health_path must be a plain path such as /session-filter/health, not ending in z or /."
  }
}

variable "startup_probe_path" {
  description = "Path of the startup probe (HTTP GET, 2xx/3xx = ready). null: health_path, which is ready only when the app started and Memorystore answers."
  type        = string
  default     = null
}

variable "liveness_probe_path" {
  description = "Path of an HTTP liveness probe (a failing instance is restarted), or null for none. Never health_path or any page that needs Redis: liveness must not depend on Redis."
  type        = string
  default     = null
  validation {
    condition     = var.liveness_probe_path == null || var.liveness_probe_path != var.health_path
    error_message = "liveness_probe_path must not be health_path: liveness must never depend on Redis."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the Cloud Run service on destroy. Set to false (and apply) before terraform destroy."
  type        = bool
  default     = true
}

variable "session_timeout" {
  description = "SESSION_SESSION_TIMEOUT: idle timeout of a session, e.g. 30m."
  type        = string
  default     = "30m"
}

variable "cookie_secure" {
  description = "SESSION_COOKIE_SECURE: auto, always or never. Cloud Run only serves HTTPS, so always."
  type        = string
  default     = "always"

  validation {
    condition     = contains(["auto", "always", "never"], var.cookie_secure)
    error_message = "cookie_secure must be auto, always or never."
  }
}

variable "env" {
  description = "Other plain (non-secret) environment variables for the container, e.g. DEMO_JDBC_URL. Secrets belong in Secret Manager, not here."
  type        = map(string)
  default     = {}
}

variable "redis_tls_verify" {
  description = "SESSION_REDIS_TLS_VERIFY: full (chain and host name) or ca (chain only). Memorystore's certificate is checked against the instance's own CA either way; see README.md for why the default is ca."
  type        = string
  default     = "ca"

  validation {
    # "none" (no server authentication) exists for tests only and is refused here.
    condition     = contains(["full", "ca"], var.redis_tls_verify)
    error_message = "redis_tls_verify must be full or ca."
  }
}

# --- JWT key set ------------------------------------------------------------------------------

variable "jwt_keys" {
  description = "SESSION_JWT_KEYS value: comma-separated kid:secret, secret = base64url of >= 32 random bytes, the first one signs. Written to Secret Manager write-only (never stored in the state). Null: add the secret version yourself (see README)."
  type        = string
  default     = null
  sensitive   = true

  validation {
    # can() turns regex(..., null) into false, so no short-circuit evaluation is needed.
    condition     = var.jwt_keys == null || can(regex("^[A-Za-z0-9._-]+:[A-Za-z0-9_-]{43,}(,[A-Za-z0-9._-]+:[A-Za-z0-9_-]{43,})*$", var.jwt_keys))
    error_message = "jwt_keys must be comma-separated kid:secret pairs without spaces, each secret base64url (no padding) of at least 32 bytes (43 characters)."
  }
}

variable "jwt_keys_version" {
  description = "Increase by one whenever jwt_keys changes: write-only values are only sent when this number changes."
  type        = number
  default     = 1
}

# --- Memorystore and network ------------------------------------------------------------------

variable "redis_tier" {
  description = "BASIC (one node, sessions are lost on failure or maintenance) or STANDARD_HA (replica with automatic failover)."
  type        = string
  default     = "STANDARD_HA"

  validation {
    condition     = contains(["BASIC", "STANDARD_HA"], var.redis_tier)
    error_message = "redis_tier must be BASIC or STANDARD_HA."
  }
}

variable "redis_memory_size_gb" {
  description = "Memorystore capacity in GiB. Size it for sessions x average session size, with room: when full, the least recently used sessions are evicted (their users are logged out)."
  type        = number
  default     = 1
}

variable "redis_version" {
  description = "Memorystore for Redis version."
  type        = string
  default     = "REDIS_7_2"
}

variable "redis_configs" {
  description = "Redis settings Memorystore lets you change (maxmemory-policy, ...). The default policy volatile-lru suits sessions, which all have a TTL."
  type        = map(string)
  default     = {}
}

variable "run_subnet_cidr" {
  description = "Range of the subnet Cloud Run's instances use for Direct VPC egress (/26 at least; about two addresses per instance)."
  type        = string
  default     = "10.8.0.0/24"
}

variable "artifact_repository_id" {
  description = "Artifact Registry repository (Docker format) for the image."
  type        = string
  default     = "session-filter"
}
