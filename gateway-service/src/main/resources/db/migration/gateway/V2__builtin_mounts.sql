-- Built-in mounts every installation has: the system backend and the token auth method.
INSERT INTO mounts (path, kind, type, accessor, uuid, description)
VALUES ('sys/', 'secret', 'system', 'system_' || substr(md5(random()::text), 1, 8), gen_random_uuid(),
        'system endpoints used for control, policy and debugging'),
       ('auth/token/', 'auth', 'token', 'auth_token_' || substr(md5(random()::text), 1, 8), gen_random_uuid(),
        'token based credentials');
